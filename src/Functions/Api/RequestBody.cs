using System.Net;
using System.Text;
using System.Text.Json;

namespace Wso2Serverless.Functions.Api;

/// <summary>
/// Reads a JSON request body defensively: size, content type, base64 and syntax are checked
/// before anything looks inside, and each failure is the client's (4xx), never a 500.
/// </summary>
public static class RequestBody
{
    /// <summary>Far above any real request (a few KB); keeps a stray upload from reaching the validator.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The parsed body, or the problem response to send instead.</summary>
    public static (JsonDocument? Document, HttpApiResponse? Problem) ReadJson(HttpApiRequest request, string instance)
    {
        ArgumentNullException.ThrowIfNull(request);
        var contentType = request.Header("content-type");
        if (!IsJson(contentType))
        {
            return (null, ApiResults.Problem(HttpStatusCode.UnsupportedMediaType, ProblemTypes.UnsupportedMediaType,
                "The body must be JSON.",
                contentType is null ? "Send the body with 'Content-Type: application/json'." : $"'{First(contentType)}' is not JSON; send 'Content-Type: application/json'.",
                instance, headers: new Dictionary<string, string>(StringComparer.Ordinal) { ["accept"] = ApiResults.Json }));
        }

        byte[] bytes;
        if (request.IsBase64Encoded)
        {
            // Checked before decoding: base64 is 4/3 of the bytes it carries.
            if ((request.Body?.Length ?? 0) > (MaxBytes / 3 * 4) + 4)
            {
                return (null, TooLarge(instance));
            }

            try
            {
                bytes = Convert.FromBase64String(request.Body ?? "");
            }
            catch (FormatException)
            {
                return (null, ApiResults.Invalid(instance, [new FieldProblem("$", "The body is marked base64 but is not valid base64.")]));
            }
        }
        else
        {
            bytes = Encoding.UTF8.GetBytes(request.Body ?? "");
        }

        if (bytes.Length > MaxBytes)
        {
            return (null, TooLarge(instance));
        }

        if (bytes.Length == 0)
        {
            return (null, ApiResults.Invalid(instance, [new FieldProblem("$", "The body is empty; a JSON object is required.")]));
        }

        try
        {
            var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 32 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                return (null, ApiResults.Invalid(instance, [new FieldProblem("$", "The body must be a JSON object.")]));
            }

            return (document, null);
        }
        catch (JsonException ex)
        {
            // The parser's message names line and position only, never the content.
            return (null, ApiResults.Invalid(instance, [new FieldProblem("$", $"The body is not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}).")]));
        }
    }

    public static bool IsJson(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }

        var media = First(contentType);
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    private static string First(string contentType) => contentType.Split(';', 2)[0].Trim();

    private static HttpApiResponse TooLarge(string instance) =>
        ApiResults.Problem(HttpStatusCode.RequestEntityTooLarge, ProblemTypes.PayloadTooLarge, "The body is too large.",
            $"Bodies are limited to {MaxBytes / 1024} KB.", instance);
}

using System.Net;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace Wso2Serverless.Aws.Http;

/// <summary>
/// Reads the error out of a failed response, whichever protocol the service speaks: the Query
/// services' XML (<c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code&gt;</c>) or the JSON 1.0 body
/// (<c>__type</c> and <c>message</c>). Both are parsed without reflection (AOT).
/// </summary>
public static class AwsErrorParser
{
    public static async Task<AwsServiceException> ReadAsync(string service, HttpResponseMessage response, CancellationToken cancellationToken) =>
        (await ReadWithBodyAsync(service, response, cancellationToken).ConfigureAwait(false)).Error;

    /// <summary>The error and the body it came from, for services whose errors carry more than a code (DynamoDB's item).</summary>
    public static async Task<(AwsServiceException Error, string Body)> ReadWithBodyAsync(string service, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var error = Parse(service, response.StatusCode, body, HeaderValue(response, "x-amzn-RequestId") ?? HeaderValue(response, "x-amz-request-id"), HeaderValue(response, "x-amzn-ErrorType"));
        return (error, body);
    }

    public static AwsServiceException Parse(string service, HttpStatusCode status, string body, string? requestIdHeader, string? errorTypeHeader = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        var trimmed = body.TrimStart();
        (string? Code, string? Message, string? RequestId) parsed = trimmed.StartsWith('<') ? FromXml(trimmed)
            : trimmed.StartsWith('{') ? FromJson(trimmed)
            : default;

        var code = CleanCode(parsed.Code ?? errorTypeHeader) ?? FallbackCode(status);
        // Without a recognisable body the status is all we repeat: an unknown body (a proxy's HTML
        // page) is not ours to echo into logs.
        var message = parsed.Message ?? $"HTTP {(int)status} without an AWS error body";
        return new AwsServiceException(service, code, message, parsed.RequestId ?? requestIdHeader, status);
    }

    private static (string?, string?, string?) FromXml(string body)
    {
        try
        {
            var root = QueryXml.Parse(body);
            var error = root.DescendantsAndSelf().FirstOrDefault(static e => e.Name.LocalName == "Error");
            var requestId = root.DescendantsAndSelf().FirstOrDefault(static e => e.Name.LocalName is "RequestId" or "RequestID")?.Value;
            return (Child(error, "Code"), Child(error, "Message"), requestId);
        }
        catch (XmlException)
        {
            return default;
        }
    }

    private static (string?, string?, string?) FromJson(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return default;
            }

            return (String(root, "__type") ?? String(root, "code") ?? String(root, "Code"), String(root, "message") ?? String(root, "Message"), null);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    /// <summary>
    /// JSON codes may come namespaced (<c>com.amazonaws.swf.base.model#InvalidToken</c>) and the
    /// error-type header may carry a URL after a colon; the code is the bare name.
    /// </summary>
    internal static string? CleanCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var value = code.Trim();
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            value = value[..colon];
        }

        var hash = value.LastIndexOf('#');
        return hash >= 0 ? value[(hash + 1)..] : value;
    }

    private static string FallbackCode(HttpStatusCode status) => status switch
    {
        HttpStatusCode.TooManyRequests => "TooManyRequestsException",
        >= HttpStatusCode.InternalServerError => "InternalFailure",
        _ => "HttpError",
    };

    private static string? Child(XElement? parent, string name) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? HeaderValue(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}

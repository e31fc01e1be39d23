using System.Text;
using System.Text.Json;

namespace Wso2Serverless.StandIns.ApiGateway;

/// <summary>
/// What API Gateway makes of a Lambda integration's answer under payload format 2.0 (same page as
/// <see cref="HttpApiEvent"/>): an object with <c>statusCode</c> is taken member by member
/// (<c>headers</c>, <c>cookies</c> as one <c>set-cookie</c> each, <c>body</c>, base64 when
/// <c>isBase64Encoded</c>); any other valid JSON is sent as a 200 <c>application/json</c> body;
/// an invocation error or an unreadable answer is a 500 with <c>{"message":"Internal Server Error"}</c>.
/// </summary>
public sealed record IntegrationResponse(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public static IntegrationResponse InternalServerError { get; } = Message(500, "Internal Server Error");

    /// <summary>API Gateway's own answers (404 for no route, 403 for IAM refusals) are <c>{"message": ...}</c>.</summary>
    public static IntegrationResponse Message(int status, string message)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("message", message);
            w.WriteEndObject();
        }

        return new IntegrationResponse(status, [new("content-type", "application/json")], buffer.ToArray());
    }

    public static IntegrationResponse FromPayload(ReadOnlySpan<byte> payload)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload.ToArray());
        }
        catch (JsonException)
        {
            return InternalServerError;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("statusCode", out var status))
            {
                return new IntegrationResponse(200, [new("content-type", "application/json")], payload.ToArray());
            }

            if (status.ValueKind != JsonValueKind.Number || !status.TryGetInt32(out var code) || code is < 100 or > 599)
            {
                return InternalServerError;
            }

            var headers = new List<KeyValuePair<string, string>>();
            if (root.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object)
            {
                headers.AddRange(h.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name.ToLowerInvariant(), p.Value.ToString())));
            }

            if (root.TryGetProperty("cookies", out var cookies) && cookies.ValueKind == JsonValueKind.Array)
            {
                headers.AddRange(cookies.EnumerateArray().Select(c => new KeyValuePair<string, string>("set-cookie", c.GetString() ?? "")));
            }

            var body = root.TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString()! : "";
            var base64 = root.TryGetProperty("isBase64Encoded", out var e) && e.ValueKind == JsonValueKind.True;
            try
            {
                return new IntegrationResponse(code, headers, base64 ? Convert.FromBase64String(body) : Encoding.UTF8.GetBytes(body));
            }
            catch (FormatException)
            {
                return InternalServerError;
            }
        }
    }
}

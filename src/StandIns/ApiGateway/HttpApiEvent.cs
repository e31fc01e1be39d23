using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Wso2Serverless.StandIns.ApiGateway;

/// <summary>
/// Builds the event an HTTP API sends a Lambda integration with payload format 2.0, member for
/// member as AWS documents it: "Create AWS Lambda proxy integrations for HTTP APIs in API Gateway",
/// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
/// (header names lower-cased; duplicate headers and query parameters joined with commas; cookie
/// headers moved to <c>cookies</c>; <c>requestContext.authorizer.iam</c> under IAM authorisation).
/// </summary>
public static class HttpApiEvent
{
    /// <summary>Where the API is and which stage serves it; the values go into <c>requestContext</c>.</summary>
    public sealed record Site(string AccountId, string ApiId, string Stage = "$default");

    public static byte[] Build(ReceivedRequest request, string routeKey, IReadOnlyDictionary<string, string>? pathParameters, ApiPrincipal? caller, Site site, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(site);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("version", "2.0");
            w.WriteString("routeKey", routeKey);
            w.WriteString("rawPath", request.RawPath);
            w.WriteString("rawQueryString", request.RawQueryString);
            WriteCookies(w, request);
            WriteHeaders(w, request);
            WriteQuery(w, request.RawQueryString);
            WriteRequestContext(w, request, routeKey, caller, site, now);
            if (pathParameters is { Count: > 0 })
            {
                w.WriteStartObject("pathParameters");
                foreach (var (name, value) in pathParameters)
                {
                    w.WriteString(name, value);
                }

                w.WriteEndObject();
            }

            var isText = IsText(request.Header("content-type"), request.Body);
            if (request.Body.Length > 0)
            {
                w.WriteString("body", isText ? Encoding.UTF8.GetString(request.Body) : Convert.ToBase64String(request.Body));
            }

            w.WriteBoolean("isBase64Encoded", request.Body.Length > 0 && !isText);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteCookies(Utf8JsonWriter w, ReceivedRequest request)
    {
        var cookies = request.Values("cookie")
            .SelectMany(v => v.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        if (cookies.Count == 0)
        {
            return;
        }

        w.WriteStartArray("cookies");
        foreach (var cookie in cookies)
        {
            w.WriteStringValue(cookie);
        }

        w.WriteEndArray();
    }

    private static void WriteHeaders(Utf8JsonWriter w, ReceivedRequest request)
    {
        var headers = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Headers)
        {
            var key = name.ToLowerInvariant();
            if (key == "cookie")
            {
                continue;
            }

            if (!headers.TryGetValue(key, out var values))
            {
                headers[key] = values = [];
            }

            values.Add(value);
        }

        // What API Gateway adds in front of the integration.
        headers.TryAdd("x-forwarded-for", [request.SourceIp]);
        headers.TryAdd("x-forwarded-proto", ["http"]);
        headers.TryAdd("x-amzn-trace-id", [$"Root=1-{DateTimeOffset.UtcNow.ToUnixTimeSeconds():x8}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}"]);
        w.WriteStartObject("headers");
        foreach (var (name, values) in headers)
        {
            w.WriteString(name, string.Join(',', values));
        }

        w.WriteEndObject();
    }

    private static void WriteQuery(Utf8JsonWriter w, string rawQuery)
    {
        if (rawQuery.Length == 0)
        {
            return;
        }

        var parameters = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var part in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2);
            var name = Decode(pair[0]);
            if (!parameters.TryGetValue(name, out var values))
            {
                parameters[name] = values = [];
                order.Add(name);
            }

            values.Add(pair.Length == 2 ? Decode(pair[1]) : "");
        }

        w.WriteStartObject("queryStringParameters");
        foreach (var name in order)
        {
            w.WriteString(name, string.Join(',', parameters[name]));
        }

        w.WriteEndObject();
    }

    private static void WriteRequestContext(Utf8JsonWriter w, ReceivedRequest request, string routeKey, ApiPrincipal? caller, Site site, DateTimeOffset now)
    {
        var domain = request.Header("host") ?? "localhost";
        w.WriteStartObject("requestContext");
        w.WriteString("accountId", site.AccountId);
        w.WriteString("apiId", site.ApiId);
        if (caller is not null)
        {
            w.WriteStartObject("authorizer");
            w.WriteStartObject("iam");
            w.WriteString("accessKey", caller.AccessKeyId);
            w.WriteString("accountId", caller.AccountId);
            w.WriteString("callerId", caller.UserId);
            w.WriteNull("cognitoIdentity");
            w.WriteNull("principalOrgId");
            w.WriteString("userArn", caller.UserArn);
            w.WriteString("userId", caller.UserId);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteString("domainName", domain);
        w.WriteString("domainPrefix", domain.Split('.', 2)[0]);
        w.WriteStartObject("http");
        w.WriteString("method", request.Method.ToUpperInvariant());
        w.WriteString("path", request.RawPath);
        w.WriteString("protocol", request.Protocol);
        w.WriteString("sourceIp", request.SourceIp);
        w.WriteString("userAgent", request.Header("user-agent") ?? "");
        w.WriteEndObject();
        w.WriteString("requestId", Convert.ToBase64String(RandomNumberGenerator.GetBytes(11)));
        w.WriteString("routeKey", routeKey);
        w.WriteString("stage", site.Stage);
        w.WriteString("time", now.ToUniversalTime().ToString("dd/MMM/yyyy:HH:mm:ss '+0000'", CultureInfo.InvariantCulture));
        w.WriteNumber("timeEpoch", now.ToUnixTimeMilliseconds());
        w.WriteEndObject();
    }

    /// <summary>Text bodies pass as they are, anything else base64-encoded (bodies that are not UTF-8 always are).</summary>
    internal static bool IsText(string? contentType, byte[] body)
    {
        var media = (contentType ?? "").Split(';', 2)[0].Trim().ToLowerInvariant();
        var textual = media.StartsWith("text/", StringComparison.Ordinal)
            || media is "application/json" or "application/xml" or "application/javascript" or "application/x-www-form-urlencoded"
            || media.EndsWith("+json", StringComparison.Ordinal) || media.EndsWith("+xml", StringComparison.Ordinal);
        if (!textual)
        {
            return body.Length == 0;
        }

        try
        {
            _ = new UTF8Encoding(false, true).GetString(body);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}

using System.Text.Json;
using System.Web;

namespace Wso2Serverless.StandIns.Iam;

/// <summary>
/// Sits on an AWS client's HTTP pipeline after signing (thin SigV4 clients and AWSSDK clients
/// alike) and records every request as the IAM calls it makes (<see cref="AwsCallMap"/>). It reads
/// the service from the signature's credential scope, the operation from <c>X-Amz-Target</c> (JSON
/// protocol) or <c>Action</c> (query protocol), and S3's GetObject from the URL.
/// </summary>
public sealed class RecordingHandler(IamCallLog log) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (log.Current is not null)
        {
            await log.RecordAsync(await ReadAsync(request, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The request as the mapping reads it.</summary>
    public static async Task<AwsRequest> ReadAsync(HttpRequestMessage request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var service = ServiceOf(request);
        var body = "";
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(ct).ConfigureAwait(false);
            body = await request.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        }

        if (request.Headers.TryGetValues("X-Amz-Target", out var targets))
        {
            var target = targets.First();
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            if (body.Length > 0)
            {
                using var document = JsonDocument.Parse(body);
                Flatten(document.RootElement, "", fields);
            }

            return new AwsRequest(service, target[(target.LastIndexOf('.') + 1)..], fields);
        }

        if (request.Method == HttpMethod.Get && service == "s3")
        {
            return S3Get(request.RequestUri!);
        }

        var form = HttpUtility.ParseQueryString(body);
        var query = form.AllKeys.Where(k => k is not null and not "Action" and not "Version").ToDictionary(k => k!, k => form[k]!, StringComparer.Ordinal);
        return new AwsRequest(service, form["Action"] ?? "(none)", query);
    }

    /// <summary>The signing name in <c>Credential=KEY/DATE/REGION/SERVICE/aws4_request</c>.</summary>
    private static string ServiceOf(HttpRequestMessage request)
    {
        // Raw: the SDK adds the header without validation, so the typed parse may not see it.
        var authorization = request.Headers.TryGetValues("Authorization", out var values) ? string.Join(",", values) : "";
        var credential = authorization.Split(',', ' ').Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("Credential=", StringComparison.Ordinal));
        var scope = credential?.Split('/');
        return scope is { Length: 5 } ? scope[3] : throw new InvalidOperationException("The recording handler sits after signing: the request has no SigV4 credential scope.");
    }

    /// <summary>Path-style (an emulator) or virtual-hosted (AWS) GetObject.</summary>
    private static AwsRequest S3Get(Uri uri)
    {
        var path = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        var virtualHosted = uri.Host.Contains(".s3.", StringComparison.Ordinal);
        var bucket = virtualHosted ? uri.Host[..uri.Host.IndexOf(".s3.", StringComparison.Ordinal)] : path[..path.IndexOf('/', StringComparison.Ordinal)];
        var key = virtualHosted ? path : path[(bucket.Length + 1)..];
        return new AwsRequest("s3", "GetObject", new Dictionary<string, string>(StringComparer.Ordinal) { ["Bucket"] = bucket, ["Key"] = key });
    }

    private static void Flatten(JsonElement element, string path, Dictionary<string, string> fields)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", fields);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, $"{path}.{i++}", fields);
                }

                break;
            default:
                fields[path] = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
                break;
        }
    }
}

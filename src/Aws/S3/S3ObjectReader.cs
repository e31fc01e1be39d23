using System.Collections.Concurrent;
using Wso2Serverless.Aws.Http;
using Wso2Serverless.Aws.Signing;

namespace Wso2Serverless.Aws.S3;

/// <summary>
/// GetObject for small text objects (product templates), signed as <c>s3</c> for the bucket's own
/// region. With an endpoint override (moto) it asks path-style, since an emulator has no
/// per-bucket host names. A thin client: AWSSDK.S3 would be the largest part of the bootstrap.
/// </summary>
public sealed class S3ObjectReader(AwsEndpoints endpoints, ICredentialSource? credentials = null, RetryOptions? retry = null) : IDisposable
{
    /// <summary>CloudFormation's own limit for a template given by URL.</summary>
    public const int MaxTemplateBytes = 1024 * 1024;

    private readonly ConcurrentDictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    public async Task<string> GetObjectTextAsync(S3ObjectLocation location, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        var region = location.Region ?? endpoints.Region;
        var http = _clients.GetOrAdd(region, r => AwsHttp.CreateClient(AwsService.S3, endpoints, credentials, retry, signingRegion: r));
        var key = string.Join('/', location.Key.Split('/').Select(Uri.EscapeDataString));
        var url = endpoints.Override(AwsService.S3) is { } endpoint
            ? new Uri(endpoint, $"{Uri.EscapeDataString(location.Bucket)}/{key}")
            : new Uri($"https://{location.Bucket}.s3.{region}.amazonaws.com/{key}");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await AwsErrorParser.ReadAsync(AwsService.S3.SigningName, response, cancellationToken).ConfigureAwait(false);
        }

        if (response.Content.Headers.ContentLength > MaxTemplateBytes)
        {
            throw new AwsServiceException(AwsService.S3.SigningName, "ObjectTooLarge", $"s3://{location.Bucket}/{location.Key} is larger than {MaxTemplateBytes} bytes", null, response.StatusCode);
        }

        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }
}

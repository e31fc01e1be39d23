using System.Net.Http.Headers;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Aws.Signing;

/// <summary>
/// Signs every request that passes through it with SigV4. It sits inside the retry handler, so
/// each attempt is signed afresh (a new <c>x-amz-date</c>; AWS rejects signatures older than
/// five minutes, and backoff can take a while).
/// </summary>
public sealed class SigningHandler : DelegatingHandler
{
    private const string AmzDate = "x-amz-date";
    private const string SecurityToken = "x-amz-security-token";
    private const string ContentSha256 = "x-amz-content-sha256";

    private readonly string _service;
    private readonly string _region;
    private readonly ICredentialSource _credentials;
    private readonly IClock _clock;
    private readonly bool _sendContentSha256;

    /// <param name="service">The signing name (e.g. <c>states</c> for Step Functions).</param>
    /// <param name="sendContentSha256">
    /// Only S3 wants the payload hash as a header too; it is also the one service whose canonical
    /// path is the wire path, not encoded a second time.
    /// </param>
    public SigningHandler(string service, string region, ICredentialSource credentials, IClock? clock = null, bool sendContentSha256 = false)
    {
        _service = service;
        _region = region;
        _credentials = credentials;
        _clock = clock ?? SystemClock.Instance;
        _sendContentSha256 = sendContentSha256;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new InvalidOperationException("A signed request needs an absolute URI.");
        var credentials = await _credentials.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        var signedAt = _clock.UtcNow.UtcDateTime;

        var payload = request.Content is null
            ? []
            : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var payloadHash = CanonicalRequest.HashPayload(payload);

        // A retried request still carries the previous attempt's signature headers.
        request.Headers.Remove(AmzDate);
        request.Headers.Remove(SecurityToken);
        request.Headers.Remove(ContentSha256);
        request.Headers.Authorization = null;

        request.Headers.Host = uri.Authority;
        request.Headers.TryAddWithoutValidation(AmzDate, CanonicalRequest.AmzDate(signedAt));
        if (!string.IsNullOrEmpty(credentials.Token))
        {
            request.Headers.TryAddWithoutValidation(SecurityToken, credentials.Token);
        }

        if (_sendContentSha256)
        {
            request.Headers.TryAddWithoutValidation(ContentSha256, payloadHash);
        }

        var (canonical, signedHeaders) = CanonicalRequest.Build(
            request.Method.Method, uri.AbsolutePath, uri.Query, HeadersToSign(request), payloadHash, encodePathAgain: !_sendContentSha256);
        var authorization = SigV4Signer.Authorization(credentials, _region, _service, signedAt, signedHeaders, canonical);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Host, content type and the x-amz-* headers: what AWS requires plus what carries meaning.
    /// Headers a proxy or the HTTP stack may rewrite (User-Agent, Content-Length) stay unsigned.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, string>> HeadersToSign(HttpRequestMessage request)
    {
        yield return new("host", request.Headers.Host!);
        if (request.Content?.Headers.ContentType is MediaTypeHeaderValue contentType)
        {
            yield return new("content-type", contentType.ToString());
        }

        foreach (var header in request.Headers)
        {
            if (header.Key.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var value in header.Value)
                {
                    yield return new(header.Key, value);
                }
            }
        }
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Wso2Serverless.Aws.Signing;

namespace Wso2Serverless.StandIns.ApiGateway;

/// <summary>
/// IAM authorisation as API Gateway applies it before a request reaches the integration: the
/// request must carry a SigV4 <c>Authorization</c> header for a known access key, scoped to this
/// region and <c>execute-api</c>, dated within five minutes, and its signature must be the one the
/// key's secret gives for the request as received. Anything else is refused with 403.
/// </summary>
public sealed class SigV4Verifier(IEnumerable<ApiPrincipal> principals, string region, TimeProvider time, string service = SigV4Verifier.Service)
{
    public const string Service = "execute-api";
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);


    /// <summary>The verdict: the caller when the signature holds, otherwise API Gateway's kind of message.</summary>
    public sealed record Verdict(ApiPrincipal? Caller, string? Refusal)
    {
        public bool Allowed => Caller is not null;
    }

    public Verdict Verify(ReceivedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Header("authorization");
        if (header is null)
        {
            return Refuse("Forbidden");
        }

        if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal) || Parse(header[(Algorithm.Length + 1)..]) is not { } parts)
        {
            return Refuse("Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' with algorithm " + Algorithm + ".");
        }

        var scope = parts.Credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
        {
            return Refuse("Credential should be 'ACCESS_KEY/DATE/REGION/SERVICE/aws4_request'.");
        }

        // Looked up per request: callers may be let in while the stand-in runs.
        if (principals.FirstOrDefault(p => p.AccessKeyId == scope[0]) is not { } principal)
        {
            return Refuse("The security token included in the request is invalid.");
        }

        if (scope[2] != region)
        {
            return Refuse($"Credential should be scoped to a valid region, not '{scope[2]}'; this API is in '{region}'.");
        }

        if (scope[3] != service)
        {
            return Refuse($"Credential should be scoped to correct service: '{service}'.");
        }

        if (request.Header("x-amz-date") is not { } amzDate
            || !DateTime.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return Refuse("Missing or malformed X-Amz-Date header.");
        }

        if (scope[1] != amzDate[..8])
        {
            return Refuse("Date in Credential scope does not match the X-Amz-Date header.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (signedAt < now - MaxSkew)
        {
            return Refuse($"Signature expired: {amzDate} is now earlier than {CanonicalAmzDate(now - MaxSkew)}.");
        }

        if (signedAt > now + MaxSkew)
        {
            return Refuse($"Signature not yet current: {amzDate} is still later than {CanonicalAmzDate(now + MaxSkew)}.");
        }

        var signed = parts.SignedHeaders.Split(';');
        if (!signed.Contains("host"))
        {
            return Refuse("'Host' must be a signed header.");
        }

        if (principal.SessionToken is { } token && request.Header("x-amz-security-token") != token)
        {
            return Refuse("The security token included in the request is invalid.");
        }

        var headers = signed.SelectMany(name => request.Values(name).Select(v => new KeyValuePair<string, string>(name, v))).ToList();
        var (canonical, signedHeaders) = CanonicalRequest.Build(
            request.Method, request.RawPath, request.RawQueryString, headers, CanonicalRequest.HashPayload(request.Body));
        var expected = SigV4Signer.Authorization(
            new ImmutableCredentials(principal.AccessKeyId, principal.SecretAccessKey, principal.SessionToken),
            region, service, signedAt, signedHeaders, canonical);
        var expectedSignature = expected[(expected.LastIndexOf("Signature=", StringComparison.Ordinal) + "Signature=".Length)..];
        return signedHeaders == parts.SignedHeaders
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expectedSignature), Encoding.ASCII.GetBytes(parts.Signature))
            ? new Verdict(principal, null)
            : Refuse("The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.");
    }

    private static Verdict Refuse(string message) => new(null, message);

    private static string CanonicalAmzDate(DateTime utc) => utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static (string Credential, string SignedHeaders, string Signature)? Parse(string rest)
    {
        string? credential = null, signedHeaders = null, signature = null;
        foreach (var part in rest.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2)
            {
                return null;
            }

            switch (pair[0])
            {
                case "Credential": credential = pair[1]; break;
                case "SignedHeaders": signedHeaders = pair[1]; break;
                case "Signature": signature = pair[1]; break;
                default: return null;
            }
        }

        return credential is null || signedHeaders is null || signature is null ? null : (credential, signedHeaders, signature);
    }
}

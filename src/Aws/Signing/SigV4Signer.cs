using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace Wso2Serverless.Aws.Signing;

/// <summary>
/// Turns a canonical request into an Authorization header with AWSSDK.Core's own signature code,
/// so the HMAC chain is the SDK's, not ours.
/// </summary>
public static class SigV4Signer
{
    public static string Authorization(
        ImmutableCredentials credentials,
        string region,
        string service,
        DateTime signedAtUtc,
        string signedHeaders,
        string canonicalRequest)
    {
        var result = AWS4Signer.ComputeSignature(credentials, region, signedAtUtc, service, signedHeaders, canonicalRequest);
        return result.ForAuthorizationHeader;
    }
}

using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Wso2Serverless.Aws.Signing;

/// <summary>
/// The SDK's default chain (environment variables, which is how Lambda hands over the role's
/// keys, then profiles, container and instance metadata). Resolved once and kept: the resolved
/// <see cref="AWSCredentials"/> refreshes itself when its keys expire.
/// </summary>
public sealed class DefaultCredentialSource : ICredentialSource
{
    private readonly Lazy<Task<AWSCredentials>> _credentials = new(
        static () => DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(null));

    public static DefaultCredentialSource Instance { get; } = new();

    public async ValueTask<ImmutableCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        var credentials = await _credentials.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await credentials.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}

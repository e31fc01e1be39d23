using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Wso2Serverless.Aws.Signing;

/// <summary>
/// The SDK's default chain (environment variables, which is how Lambda hands over the role's
/// keys, then profiles, container and instance metadata). Resolved once and kept: the resolved
/// <see cref="AWSCredentials"/> refreshes itself when its keys expire. A failed resolution is not
/// kept, so a transient metadata failure does not poison a warm Lambda for good.
/// </summary>
public sealed class DefaultCredentialSource : ICredentialSource
{
    private readonly Lock _gate = new();
    private Task<AWSCredentials>? _resolving;

    public static DefaultCredentialSource Instance { get; } = new();

    public async ValueTask<ImmutableCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        Task<AWSCredentials> resolving;
        lock (_gate)
        {
            if (_resolving is null || _resolving.IsFaulted || _resolving.IsCanceled)
            {
                _resolving = DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(null);
            }

            resolving = _resolving;
        }

        var credentials = await resolving.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await credentials.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}

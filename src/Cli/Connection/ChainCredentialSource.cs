using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using Wso2Serverless.Aws.Signing;
using Wso2Serverless.Cli.Api;

namespace Wso2Serverless.Cli.Connection;

/// <summary>
/// AWS's standard credential chain, resolved by AWSSDK.Core: with <c>--profile</c> that profile of
/// the shared credentials and config files (<c>AWS_SHARED_CREDENTIALS_FILE</c>, <c>AWS_CONFIG_FILE</c>,
/// including role and SSO profiles the SDK understands); otherwise environment variables, then
/// <c>AWS_PROFILE</c> or the default profile, then the container endpoint
/// (<c>AWS_CONTAINER_CREDENTIALS_FULL_URI</c>/<c>_RELATIVE_URI</c>), then the instance's role.
/// </summary>
public sealed class ChainCredentialSource(string? profile) : ICredentialSource
{
    private Task<AWSCredentials>? _resolved;

    public async ValueTask<ImmutableCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        try
        {
            _resolved ??= Resolve();
            var credentials = await _resolved.WaitAsync(cancellationToken).ConfigureAwait(false);
            return await credentials.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AmazonClientException or AmazonServiceException or InvalidOperationException)
        {
            throw new ApiUnavailableException(profile is null
                ? $"No AWS credentials: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or --profile, or run where a container or instance role is available ({ex.Message})"
                : $"Profile '{profile}' gave no credentials: {ex.Message}", ex);
        }
    }

    private Task<AWSCredentials> Resolve()
    {
        if (profile is null)
        {
            return DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(null);
        }

        return new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var credentials)
            ? Task.FromResult(credentials)
            : throw new InvalidOperationException(
                $"no profile '{profile}' in the shared credentials or config file ({Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE") ?? "~/.aws/credentials"}, {Environment.GetEnvironmentVariable("AWS_CONFIG_FILE") ?? "~/.aws/config"})");
    }

    /// <summary>The region a profile names, when it names one.</summary>
    public static string? ProfileRegion(string? profile)
    {
        if (profile is null)
        {
            return null;
        }

        return new CredentialProfileStoreChain().TryGetProfile(profile, out var found) ? found.Region?.SystemName : null;
    }
}

using Amazon.Runtime;

namespace Wso2Serverless.Aws.Signing;

/// <summary>Where signing credentials come from; a port so tests can sign with fixed keys.</summary>
public interface ICredentialSource
{
    ValueTask<ImmutableCredentials> GetCredentialsAsync(CancellationToken cancellationToken);
}

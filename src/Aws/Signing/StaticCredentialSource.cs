using Amazon.Runtime;

namespace Wso2Serverless.Aws.Signing;

/// <summary>Fixed keys: tests and local stand-ins, which route on the credential scope but check nothing.</summary>
public sealed class StaticCredentialSource(ImmutableCredentials credentials) : ICredentialSource
{
    public StaticCredentialSource(string accessKeyId, string secretAccessKey, string? sessionToken = null)
        : this(new ImmutableCredentials(accessKeyId, secretAccessKey, sessionToken))
    {
    }

    public ValueTask<ImmutableCredentials> GetCredentialsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(credentials);
}

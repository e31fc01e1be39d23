using Wso2Serverless.Aws.Http;

namespace Wso2Serverless.Aws.Ssm;

/// <summary>
/// The SSM clients as Lambda uses them: region and endpoint overrides through
/// <see cref="AwsEndpoints"/>, credentials from the environment.
/// </summary>
public static class SsmClients
{
    public static SsmClient FromEnvironment(AwsEndpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return SsmClient.Create(endpoints);
    }

    /// <summary>The client for SendCommand: the same endpoint, never retried.</summary>
    public static SsmClient SenderFromEnvironment(AwsEndpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return SsmClient.Create(endpoints, retry: RetryOptions.NoRetry);
    }
}

using Amazon.SimpleSystemsManagement;

namespace Wso2Serverless.Aws.Ssm;

/// <summary>
/// The SSM client as Lambda and <c>simulate</c> use it: region and endpoint overrides through
/// <see cref="AwsEndpoints"/>, credentials from the SDK's default chain.
/// </summary>
public static class SsmClients
{
    public static IAmazonSimpleSystemsManagement FromEnvironment(AwsEndpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return new AmazonSimpleSystemsManagementClient(endpoints.ApplyTo(new AmazonSimpleSystemsManagementConfig(), AwsService.Ssm));
    }

    /// <summary>The client for SendCommand: the same endpoint, never retried by the SDK.</summary>
    public static IAmazonSimpleSystemsManagement SenderFromEnvironment(AwsEndpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return new AmazonSimpleSystemsManagementClient(NoRetry(endpoints.ApplyTo(new AmazonSimpleSystemsManagementConfig(), AwsService.Ssm)));
    }

    /// <summary>
    /// Turns the SDK's automatic retry off. For a call that is not idempotent: after a lost answer
    /// only a lookup can tell whether it went out.
    /// </summary>
    public static AmazonSimpleSystemsManagementConfig NoRetry(AmazonSimpleSystemsManagementConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.MaxErrorRetry = 0;
        return config;
    }
}

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
}

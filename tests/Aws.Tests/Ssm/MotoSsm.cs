using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Wso2Serverless.Aws.Ssm;
using Wso2Serverless.StandIns.Http;

namespace Wso2Serverless.Aws.Tests.Ssm;

/// <summary>SSM and EC2 clients on moto, and tagged instances for commands to find.</summary>
internal static class MotoSsm
{
    private static readonly BasicAWSCredentials Credentials = new("testing", "testing");

    public static AmazonSimpleSystemsManagementConfig Config(MotoFixture moto) =>
        new() { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = MotoFixture.Region };

    public static IAmazonSimpleSystemsManagement Client(MotoFixture moto) => new AmazonSimpleSystemsManagementClient(Credentials, Config(moto));

    /// <summary>A client whose every request passes through <paramref name="handler"/> (counting, losing answers).</summary>
    public static IAmazonSimpleSystemsManagement Client(MotoFixture moto, DelegatingHandler handler) =>
        new AmazonSimpleSystemsManagementClient(Credentials, Through(Config(moto), handler));

    /// <summary>The SendCommand client as production builds it (no SDK retry), optionally through a handler.</summary>
    public static IAmazonSimpleSystemsManagement Sender(MotoFixture moto, DelegatingHandler? handler = null)
    {
        var config = SsmClients.NoRetry(Config(moto));
        return new AmazonSimpleSystemsManagementClient(Credentials, handler is null ? config : Through(config, handler));
    }

    private static AmazonSimpleSystemsManagementConfig Through(AmazonSimpleSystemsManagementConfig config, DelegatingHandler handler)
    {
        config.HttpClientFactory = SdkHttpClientFactory.Through(handler);
        return config;
    }

    public static IAmazonEC2 Ec2(MotoFixture moto) => new AmazonEC2Client(Credentials,
        new AmazonEC2Config { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = MotoFixture.Region });

    /// <summary>Starts <paramref name="count"/> instances carrying <paramref name="tags"/>; returns their ids.</summary>
    public static async Task<IReadOnlyList<string>> RunTaggedAsync(IAmazonEC2 ec2, int count, IReadOnlyDictionary<string, string> tags)
    {
        var response = await ec2.RunInstancesAsync(new RunInstancesRequest
        {
            ImageId = "ami-03cf127a",
            InstanceType = InstanceType.T3Medium,
            MinCount = count,
            MaxCount = count,
            TagSpecifications =
            [
                new TagSpecification
                {
                    ResourceType = Amazon.EC2.ResourceType.Instance,
                    Tags = [.. tags.Select(t => new Tag(t.Key, t.Value))],
                },
            ],
        }, TestContext.Current.CancellationToken);
        return [.. response.Reservation.Instances.Select(i => i.InstanceId)];
    }
}

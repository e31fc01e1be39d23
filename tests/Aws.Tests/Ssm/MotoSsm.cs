using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Wso2Serverless.Aws.Http;
using Wso2Serverless.Aws.Ssm;
using Wso2Serverless.StandIns.Moto;

namespace Wso2Serverless.Aws.Tests.Ssm;

/// <summary>Our SSM clients and AWS's EC2 client on moto, and tagged instances for commands to find.</summary>
internal static class MotoSsm
{
    private static readonly BasicAWSCredentials Credentials = new("testing", "testing");

    /// <summary>Our SSM client on moto, optionally through <paramref name="handler"/> (counting, losing answers, rewriting).</summary>
    public static SsmClient Client(MotoFixture moto, DelegatingHandler? handler = null) => MotoClients.Ssm(moto.Endpoint, RetryOptions.Default, handler);

    /// <summary>The SendCommand client as production builds it (one attempt), optionally through a handler.</summary>
    public static SsmClient Sender(MotoFixture moto, DelegatingHandler? handler = null) => MotoClients.Ssm(moto.Endpoint, RetryOptions.NoRetry, handler);

    /// <summary>AWSSDK.SimpleSystemsManagement on the same moto: reads what ours sent, independently of our model.</summary>
    public static IAmazonSimpleSystemsManagement Official(MotoFixture moto) => new AmazonSimpleSystemsManagementClient(Credentials,
        new AmazonSimpleSystemsManagementConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = MotoFixture.Region });

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

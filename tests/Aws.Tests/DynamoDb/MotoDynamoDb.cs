using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Wso2Serverless.Aws.DynamoDb;
using Wso2Serverless.StandIns.Moto;

namespace Wso2Serverless.Aws.Tests.DynamoDb;

/// <summary>
/// Our DynamoDB client on moto, a fresh phase table per test class, and AWS's own SDK client on
/// the same moto: the independent reader that checks what ours wrote, in DynamoDB's wire format.
/// </summary>
internal static class MotoDynamoDb
{
    public static DynamoDbClient Client(MotoFixture moto) => MotoClients.DynamoDb(moto.Endpoint);

    /// <summary>A client whose every request passes through <paramref name="handler"/> (counting, losing answers).</summary>
    public static DynamoDbClient Client(MotoFixture moto, DelegatingHandler handler) => MotoClients.DynamoDb(moto.Endpoint, handler);

    /// <summary>AWSSDK.DynamoDBv2 on the same moto, for reads that must not go through the code under test.</summary>
    public static IAmazonDynamoDB Official(MotoFixture moto) => new AmazonDynamoDBClient(
        new BasicAWSCredentials("testing", "testing"),
        new AmazonDynamoDBConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = MotoFixture.Region });

    public static async Task<PhaseStoreOptions> NewTableAsync(DynamoDbClient client)
    {
        var options = new PhaseStoreOptions { TableName = "phases-" + Guid.NewGuid().ToString("N")[..12] };
        await PhaseTable.CreateAsync(client, options.TableName, TestContext.Current.CancellationToken);
        return options;
    }
}

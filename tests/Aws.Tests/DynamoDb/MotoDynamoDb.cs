using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Wso2Serverless.Aws.DynamoDb;

namespace Wso2Serverless.Aws.Tests.DynamoDb;

/// <summary>A DynamoDB client on moto, and a fresh phase table per test class.</summary>
internal static class MotoDynamoDb
{
    public static IAmazonDynamoDB Client(MotoFixture moto) => new AmazonDynamoDBClient(
        new BasicAWSCredentials("testing", "testing"),
        new AmazonDynamoDBConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = MotoFixture.Region });

    public static async Task<PhaseStoreOptions> NewTableAsync(IAmazonDynamoDB client)
    {
        var options = new PhaseStoreOptions { TableName = "phases-" + Guid.NewGuid().ToString("N")[..12] };
        await PhaseTable.CreateAsync(client, options.TableName, TestContext.Current.CancellationToken);
        return options;
    }
}

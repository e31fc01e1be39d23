using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Wso2Serverless.Aws.DynamoDb;
using Wso2Serverless.StandIns.Http;

namespace Wso2Serverless.Aws.Tests.DynamoDb;

/// <summary>A DynamoDB client on moto, and a fresh phase table per test class.</summary>
internal static class MotoDynamoDb
{
    public static IAmazonDynamoDB Client(MotoFixture moto) => new AmazonDynamoDBClient(
        new BasicAWSCredentials("testing", "testing"),
        new AmazonDynamoDBConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = MotoFixture.Region });

    /// <summary>A client whose every request passes through <paramref name="handler"/> (counting, losing answers).</summary>
    public static IAmazonDynamoDB Client(MotoFixture moto, DelegatingHandler handler) => new AmazonDynamoDBClient(
        new BasicAWSCredentials("testing", "testing"),
        new AmazonDynamoDBConfig
        {
            ServiceURL = moto.Endpoint.ToString(),
            AuthenticationRegion = MotoFixture.Region,
            HttpClientFactory = SdkHttpClientFactory.Through(handler),
        });

    public static async Task<PhaseStoreOptions> NewTableAsync(IAmazonDynamoDB client)
    {
        var options = new PhaseStoreOptions { TableName = "phases-" + Guid.NewGuid().ToString("N")[..12] };
        await PhaseTable.CreateAsync(client, options.TableName, TestContext.Current.CancellationToken);
        return options;
    }
}

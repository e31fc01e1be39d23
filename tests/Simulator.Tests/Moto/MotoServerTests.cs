using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Wso2Serverless.StandIns.Moto;

namespace Wso2Serverless.Simulator.Tests.Moto;

public sealed class MotoServerTests
{
    [Fact]
    public async Task ScanAndQuery_UnderTheSortPatch_StillReturnKeyOrder()
    {
        await using var moto = await MotoServer.StartAsync(serializeRequests: true);
        using var client = new AmazonDynamoDBClient(new BasicAWSCredentials("testing", "testing"),
            new AmazonDynamoDBConfig { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = "us-east-1" });
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = "order",
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = [new("PK", KeyType.HASH), new("SK", KeyType.RANGE)],
            AttributeDefinitions = [new("PK", ScalarAttributeType.S), new("SK", ScalarAttributeType.N)],
        });
        var random = new Random(4);
        var keys = Enumerable.Range(0, 120).Select(_ => ($"p{random.Next(12)}", random.Next(2000))).Distinct().ToList();
        foreach (var (pk, sk) in keys)
        {
            await client.PutItemAsync("order", new Dictionary<string, AttributeValue> { ["PK"] = new() { S = pk }, ["SK"] = new() { N = Number(sk) } });
        }

        var scanned = (await client.ScanAsync(new ScanRequest("order"))).Items.Select(i => (i["PK"].S, int.Parse(i["SK"].N, CultureInfo.InvariantCulture)));
        var queried = (await client.QueryAsync(new QueryRequest("order")
        {
            KeyConditionExpression = "PK = :p",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":p"] = new() { S = "p3" } },
            ScanIndexForward = false,
        })).Items.Select(i => int.Parse(i["SK"].N, CultureInfo.InvariantCulture));

        // Numbers sort as numbers ("10" after "9"), strings by code point: what moto's own sort gives.
        scanned.Should().Equal(keys.OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2));
        queried.Should().Equal(keys.Where(k => k.Item1 == "p3").Select(k => k.Item2).OrderDescending());
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}

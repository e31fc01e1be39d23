using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Wso2Serverless.StandIns.Moto;

namespace Wso2Serverless.Simulator.Tests.Moto;

/// <summary>
/// moto_server.py patches moto for speed only: the same DynamoDB requests get byte-for-byte the
/// same answers from the patched server as from moto as shipped.
/// </summary>
public sealed class MotoPatchTests
{
    private const string Every = """
        {"PK":{"S":"p"},"SK":{"S":"every"},"s":{"S":""},"n":{"N":"-1.50"},"b":{"B":"AAEC/w=="},
         "ss":{"SS":["x","y"]},"ns":{"NS":["1","2.5"]},"bs":{"BS":["AQ==","Ag=="]},
         "m":{"M":{"inner":{"L":[{"S":"a"},{"N":"2"},{"M":{}},{"L":[]},{"BOOL":false},{"NULL":true}]},"bin":{"B":"/w=="}}},
         "l":{"L":[]},"yes":{"BOOL":true},"no":{"BOOL":false},"nil":{"NULL":true}}
        """;

    private static readonly string[] Script =
    [
        """PutItem {"TableName":"pairs","Item":EVERY}""",
        """PutItem {"TableName":"pairs","Item":{"PK":{"S":"p"},"SK":{"S":"k2"},"x":{"N":"1"}}}""",
        """PutItem {"TableName":"pairs","Item":{"PK":{"S":"p"},"SK":{"S":"k3"},"x":{"N":"3"}}}""",
        """PutItem {"TableName":"pairs","Item":{"PK":{"S":"p"},"SK":{"S":"k2"}},"ConditionExpression":"attribute_not_exists(PK)","ReturnValuesOnConditionCheckFailure":"ALL_OLD"}""",
        """PutItem {"TableName":"single","Item":{"id":{"S":"one"},"tags":{"SS":["a"]}},"ReturnValues":"ALL_OLD"}""",
        """GetItem {"TableName":"pairs","Key":{"PK":{"S":"p"},"SK":{"S":"every"}}}""",
        """GetItem {"TableName":"pairs","Key":{"PK":{"S":"p"},"SK":{"S":"absent"}}}""",
        """GetItem {"TableName":"pairs","Key":{"PK":{"S":"p"},"SK":{"S":"every"}},"ProjectionExpression":"m.inner, b"}""",
        """Query {"TableName":"pairs","KeyConditionExpression":"PK = :p","ExpressionAttributeValues":{":p":{"S":"p"}}}""",
        """Query {"TableName":"pairs","KeyConditionExpression":"PK = :p","ExpressionAttributeValues":{":p":{"S":"p"}},"ScanIndexForward":false,"Limit":2}""",
        """Scan {"TableName":"pairs","FilterExpression":"x > :z","ExpressionAttributeValues":{":z":{"N":"0"}}}""",
        """UpdateItem {"TableName":"pairs","Key":{"PK":{"S":"p"},"SK":{"S":"every"}},"UpdateExpression":"SET l = list_append(l, :v), m.added = :b","ExpressionAttributeValues":{":v":{"L":[{"S":"z"}]},":b":{"B":"AA=="}},"ReturnValues":"ALL_NEW"}""",
        """UpdateItem {"TableName":"pairs","Key":{"PK":{"S":"p"},"SK":{"S":"k2"}},"UpdateExpression":"SET x = x + :one","ExpressionAttributeValues":{":one":{"N":"1"}},"ReturnValues":"UPDATED_OLD"}""",
        """UpdateItem {"TableName":"pairs","Key":{"PK":{"S":"p"},"SK":{"S":"k2"}},"UpdateExpression":"REMOVE x","ReturnValues":"ALL_OLD"}""",
        """UpdateItem {"TableName":"pairs","Key":{"PK":{"S":"p"},"SK":{"S":"k3"}},"UpdateExpression":"SET y = :y","ConditionExpression":"x = :nine","ExpressionAttributeValues":{":y":{"S":"no"},":nine":{"N":"9"}},"ReturnValuesOnConditionCheckFailure":"ALL_OLD"}""",
        """UpdateItem {"TableName":"pairs","Key":{"PK":{"S":"p"},"SK":{"S":"every"}},"UpdateExpression":"ADD ss :more, n :one DELETE ns :two SET #w = if_not_exists(#w, :one)","ExpressionAttributeNames":{"#w":"when"},"ExpressionAttributeValues":{":more":{"SS":["z"]},":one":{"N":"1"},":two":{"NS":["2.5"]}},"ReturnValues":"UPDATED_NEW"}""",
        """UpdateItem {"TableName":"pairs","Key":{"PK":{"S":"p"},"SK":{"S":"k3"}},"UpdateExpression":"SET x = missing + :one","ExpressionAttributeValues":{":one":{"N":"1"}}}""",
        """UpdateItem {"TableName":"pairs","Key":{"PK":{"S":"p"},"SK":{"S":"k3"}},"UpdateExpression":"SET x = x + :s","ExpressionAttributeValues":{":s":{"S":"text"}}}""",
        """UpdateItem {"TableName":"pairs","Key":{"PK":{"S":"p"},"SK":{"S":"k3"}},"UpdateExpression":"SET SK = :s","ExpressionAttributeValues":{":s":{"S":"moved"}}}""",
        """UpdateItem {"TableName":"pairs","Key":{"PK":{"S":"p"},"SK":{"S":"k3"}},"UpdateExpression":"SET a = :s, a = :s","ExpressionAttributeValues":{":s":{"S":"twice"}}}""",
        // A transaction that commits, across both tables.
        """TransactWriteItems {"TransactItems":[{"Put":{"TableName":"single","Item":{"id":{"S":"two"},"n":{"N":"2"}}}},{"Update":{"TableName":"pairs","Key":{"PK":{"S":"p"},"SK":{"S":"k3"}},"UpdateExpression":"SET y = :y","ExpressionAttributeValues":{":y":{"S":"yes"}}}},{"Delete":{"TableName":"single","Key":{"id":{"S":"one"}}}}]}""",
        // Cancelled by its last check: the put, update and delete before it are rolled back.
        """TransactWriteItems {"TransactItems":[{"Put":{"TableName":"pairs","Item":{"PK":{"S":"p"},"SK":{"S":"new"}}}},{"Update":{"TableName":"pairs","Key":{"PK":{"S":"p"},"SK":{"S":"k3"}},"UpdateExpression":"SET y = :y","ExpressionAttributeValues":{":y":{"S":"rolled back?"}}}},{"Delete":{"TableName":"single","Key":{"id":{"S":"two"}}}},{"ConditionCheck":{"TableName":"pairs","Key":{"PK":{"S":"p"},"SK":{"S":"every"}},"ConditionExpression":"attribute_not_exists(PK)","ReturnValuesOnConditionCheckFailure":"ALL_OLD"}}]}""",
        // Cancelled in its first operation, after which nothing runs.
        """TransactWriteItems {"TransactItems":[{"Put":{"TableName":"pairs","Item":{"PK":{"S":"p"},"SK":{"S":"k2"}},"ConditionExpression":"attribute_not_exists(PK)","ReturnValuesOnConditionCheckFailure":"ALL_OLD"}},{"Put":{"TableName":"single","Item":{"id":{"S":"three"}}}}]}""",
        // The same item twice: a validation error after the first write.
        """TransactWriteItems {"TransactItems":[{"Put":{"TableName":"single","Item":{"id":{"S":"four"}}}},{"Delete":{"TableName":"single","Key":{"id":{"S":"four"}}}}]}""",
        // Bad input moto refuses in its own words.
        """TransactWriteItems {"TransactItems":[{"Put":{"TableName":"nowhere","Item":{"id":{"S":"x"}}}}]}""",
        """TransactWriteItems {"TransactItems":[{"Put":{"TableName":"pairs","Item":{"PK":{"S":"p"}}}}]}""",
        """Scan {"TableName":"pairs"}""",
        """Scan {"TableName":"single"}""",
        """DeleteItem {"TableName":"pairs","Key":{"PK":{"S":"p"},"SK":{"S":"every"}},"ReturnValues":"ALL_OLD"}""",
        """Scan {"TableName":"pairs"}""",
    ];

    [Fact]
    public async Task TheSpeedPatches_AnswerEveryRequestAsMotoItself()
    {
        await using var patched = await MotoServer.StartAsync(serializeRequests: true, patched: true);
        await using var shipped = await MotoServer.StartAsync(serializeRequests: true, patched: false);
        using var http = new HttpClient();
        foreach (var server in new[] { patched, shipped })
        {
            await SendAsync(http, server, """CreateTable {"TableName":"pairs","BillingMode":"PAY_PER_REQUEST","KeySchema":[{"AttributeName":"PK","KeyType":"HASH"},{"AttributeName":"SK","KeyType":"RANGE"}],"AttributeDefinitions":[{"AttributeName":"PK","AttributeType":"S"},{"AttributeName":"SK","AttributeType":"S"}]}""");
            await SendAsync(http, server, """CreateTable {"TableName":"single","BillingMode":"PAY_PER_REQUEST","KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}]}""");
        }

        var answers = new List<(string Request, string Patched, string Shipped)>();
        foreach (var line in Script)
        {
            var request = line.Replace("EVERY", Every, StringComparison.Ordinal);
            answers.Add((request, await SendAsync(http, patched, request), await SendAsync(http, shipped, request)));
        }

        answers.Should().AllSatisfy(a => a.Patched.Should().Be(a.Shipped, a.Request));
        // The comparison covers what matters: every kind of value, commits, and each way a transaction is undone.
        answers.Count(a => a.Shipped.Contains("\"B\":", StringComparison.Ordinal)).Should().BeGreaterThan(2);
        answers.Count(a => a.Shipped.StartsWith("400 ", StringComparison.Ordinal)).Should().BeGreaterThanOrEqualTo(10);
        var scanAfterRollbacks = answers[^4].Shipped;
        scanAfterRollbacks.Should().NotContain("\"new\"").And.Contain("\"yes\"").And.NotContain("rolled back");
        answers[^3].Shipped.Should().Contain("\"two\"").And.NotContain("\"three\"").And.NotContain("\"four\"");
    }

    /// <summary>Sends one "Operation {json}" line as DynamoDB's JSON protocol; answers "status body".</summary>
    private static async Task<string> SendAsync(HttpClient http, MotoServer server, string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Endpoint)
        {
            Content = new StringContent(JsonNode.Parse(line[(space + 1)..])!.ToJsonString(), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "DynamoDB_20120810." + line[..space]);
        request.Headers.TryAddWithoutValidation("Authorization",
            "AWS4-HMAC-SHA256 Credential=testing/20261201/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await http.SendAsync(request);
        return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
    }
}

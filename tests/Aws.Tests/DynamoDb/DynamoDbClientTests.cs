using IAmazonDynamoDB = Amazon.DynamoDBv2.IAmazonDynamoDB;
using Wso2Serverless.Aws.DynamoDb;
using Wso2Serverless.Aws.DynamoDb.Model;
using Sdk = Amazon.DynamoDBv2.Model;

namespace Wso2Serverless.Aws.Tests.DynamoDb;

/// <summary>
/// Our DynamoDB client against AWS's own (AWSSDK.DynamoDBv2) on one moto: every kind of value the
/// stores use survives either writing and the other reading, and the modelled errors carry what
/// DynamoDB sends with them (the item a condition saw, a transaction's reasons).
/// </summary>
public sealed class DynamoDbClientTests(MotoFixture moto) : IClassFixture<MotoFixture>, IAsyncLifetime
{
    private readonly DynamoDbClient _client = MotoDynamoDb.Client(moto);
    private readonly IAmazonDynamoDB _official = MotoDynamoDb.Official(moto);
    private string _table = "";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _table = (await MotoDynamoDb.NewTableAsync(_client)).TableName;

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        _official.Dispose();
        return ValueTask.CompletedTask;
    }

    private static Dictionary<string, AttributeValue> Key(string pk) => new() { ["PK"] = new(pk), ["SK"] = new("X") };

    private static Dictionary<string, Sdk.AttributeValue> SdkKey(string pk) => new() { ["PK"] = new(pk), ["SK"] = new("X") };

    // Quotes, a backslash, a newline, non-ASCII and a character outside the BMP: JSON escaping both ways.
    private const string Awkward = "say \"hi\" \\ to\nJosé 🚀 <b>&amp;</b>";

    [Fact]
    public async Task EveryKindOfValue_WrittenByOurs_ReadsTheSameThroughTheSdk()
    {
        var item = Key("ours");
        item["s"] = new(Awkward);
        item["n"] = new() { N = "12345678901234567890.5" };
        item["bool"] = new() { BOOL = false };
        item["null"] = new() { NULL = true };
        item["ss"] = new(["b", "a"]);
        item["ns"] = new() { NS = ["1", "2.5"] };
        item["m"] = new() { M = new() { ["inner"] = new() { L = [new("x"), new() { N = "7" }, new() { M = [] }, new() { L = [] }] } } };
        await _client.PutItemAsync(new PutItemRequest { TableName = _table, Item = item }, Ct);

        var read = (await _official.GetItemAsync(_table, SdkKey("ours"), Ct)).Item;

        read["s"].S.Should().Be(Awkward);
        read["n"].N.Should().Be("12345678901234567890.5");
        read["bool"].BOOL.Should().BeFalse();
        read["null"].NULL.Should().BeTrue();
        read["ss"].SS.Should().BeEquivalentTo("a", "b");
        read["ns"].NS.Should().BeEquivalentTo("1", "2.5");
        var inner = read["m"].M["inner"].L;
        inner.Select(v => v.S ?? v.N).Take(2).Should().Equal("x", "7");
        inner[2].M.Should().BeEmpty();
        inner[3].L.Should().BeEmpty();
    }

    [Fact]
    public async Task EveryKindOfValue_WrittenByTheSdk_ReadsTheSameThroughOurs()
    {
        var item = SdkKey("sdk");
        item["s"] = new(Awkward);
        item["n"] = new() { N = "-0.000001" };
        item["bool"] = new() { BOOL = true };
        item["ss"] = new(["z"]);
        item["m"] = new() { M = new() { ["list"] = new() { L = [new("x"), new() { BOOL = false }] } } };
        await _official.PutItemAsync(new Sdk.PutItemRequest { TableName = _table, Item = item }, Ct);

        var read = (await _client.GetItemAsync(new GetItemRequest { TableName = _table, Key = Key("sdk"), ConsistentRead = true }, Ct)).Item!;

        read["s"].S.Should().Be(Awkward);
        read["n"].N.Should().Be("-0.000001");
        read["bool"].BOOL.Should().BeTrue();
        read["ss"].SS.Should().Equal("z");
        read["m"].M!["list"].L!.Select(v => (v.S, v.BOOL)).Should().Equal(("x", null), (null, false));
    }

    [Fact]
    public async Task GetItem_OfAMissingKey_HasNoItem() =>
        (await _client.GetItemAsync(new GetItemRequest { TableName = _table, Key = Key("missing") }, Ct)).Item.Should().BeNull();

    [Fact]
    public async Task FailedCondition_WithAllOld_CarriesTheItemItSaw()
    {
        var item = Key("cond");
        item["owner"] = new("first");
        await _client.PutItemAsync(new PutItemRequest { TableName = _table, Item = item }, Ct);

        var act = () => _client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = _table,
            Key = Key("cond"),
            UpdateExpression = "SET #o = :me",
            ConditionExpression = "#o = :me",
            ExpressionAttributeNames = new() { ["#o"] = "owner" },
            ExpressionAttributeValues = new() { [":me"] = new("second") },
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        }, Ct);

        var failure = (await act.Should().ThrowAsync<ConditionalCheckFailedException>()).Which;
        failure.Code.Should().Be("ConditionalCheckFailedException");
        failure.Item!["owner"].S.Should().Be("first");
    }

    [Fact]
    public async Task UpdateItem_WithAllNew_ReturnsTheItemAsWritten()
    {
        var response = await _client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = _table,
            Key = Key("counter"),
            UpdateExpression = "ADD #c :one",
            ExpressionAttributeNames = new() { ["#c"] = "count" },
            ExpressionAttributeValues = new() { [":one"] = new() { N = "1" } },
            ReturnValues = ReturnValue.ALL_NEW,
        }, Ct);

        response.Attributes!["count"].N.Should().Be("1");
        response.Attributes["PK"].S.Should().Be("counter");
    }

    [Fact]
    public async Task TransactWriteItems_WritesAllOrNothing_AndSaysWhichItemRefused()
    {
        var held = Key("tx-held");
        held["owner"] = new("someone");
        await _client.PutItemAsync(new PutItemRequest { TableName = _table, Item = held }, Ct);
        var fresh = Key("tx-new");

        var act = () => _client.TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            TransactItems =
            [
                new TransactWriteItem { Put = new Put { TableName = _table, Item = fresh } },
                new TransactWriteItem
                {
                    Update = new Update
                    {
                        TableName = _table,
                        Key = Key("tx-held"),
                        UpdateExpression = "SET #o = :me",
                        ConditionExpression = "#o = :me",
                        ExpressionAttributeNames = new() { ["#o"] = "owner" },
                        ExpressionAttributeValues = new() { [":me"] = new("us") },
                    },
                },
            ],
        }, Ct);

        var cancelled = (await act.Should().ThrowAsync<TransactionCanceledException>()).Which;
        cancelled.CancellationReasons.Select(r => r.Code).Should().Equal("None", "ConditionalCheckFailed");
        (await _official.GetItemAsync(_table, SdkKey("tx-new"), Ct)).Item.Should().BeNullOrEmpty("nothing of a refused transaction is written");

        await _client.TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            TransactItems =
            [
                new TransactWriteItem { Put = new Put { TableName = _table, Item = fresh, ConditionExpression = "attribute_not_exists(PK)" } },
                new TransactWriteItem { Delete = new Delete { TableName = _table, Key = Key("tx-held") } },
            ],
        }, Ct);
        (await _official.GetItemAsync(_table, SdkKey("tx-new"), Ct)).Item.Should().NotBeNullOrEmpty();
        (await _official.GetItemAsync(_table, SdkKey("tx-held"), Ct)).Item.Should().BeNullOrEmpty();
    }

    [Fact]
    public async Task Query_PagesWithLastEvaluatedKey()
    {
        foreach (var sk in new[] { "a", "b", "c" })
        {
            await _client.PutItemAsync(new PutItemRequest { TableName = _table, Item = new() { ["PK"] = new("paged"), ["SK"] = new(sk) } }, Ct);
        }

        var seen = new List<string>();
        Dictionary<string, AttributeValue>? start = null;
        var pages = 0;
        do
        {
            var page = await _client.QueryAsync(new QueryRequest
            {
                TableName = _table,
                KeyConditionExpression = "PK = :pk",
                ExpressionAttributeValues = new() { [":pk"] = new("paged") },
                Limit = 2,
                ExclusiveStartKey = start,
            }, Ct);
            seen.AddRange(page.Items!.Select(i => i["SK"].S!));
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
            pages++;
        }
        while (start is not null);

        seen.Should().Equal("a", "b", "c");
        pages.Should().Be(2);
    }

    [Fact]
    public async Task AnUnknownTable_IsAnAwsErrorNamingIt()
    {
        var act = () => _client.GetItemAsync(new GetItemRequest { TableName = "no-such-table", Key = Key("x") }, Ct);

        (await act.Should().ThrowAsync<Wso2Serverless.Aws.Http.AwsServiceException>()).Which.Code.Should().Be("ResourceNotFoundException");
    }
}

using System.Text.Json;
using Amazon.DynamoDBv2;
using Wso2Serverless.Aws.DynamoDb;

namespace Wso2Serverless.Aws.Tests.DynamoDb;

public sealed class PhaseTableTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAsync_MakesAnOnDemandTableWithHistoryIndexAndTimeToLive()
    {
        using var client = MotoDynamoDb.Client(moto);
        using var official = MotoDynamoDb.Official(moto);
        var options = await MotoDynamoDb.NewTableAsync(client);

        var table = (await official.DescribeTableAsync(options.TableName, Ct)).Table;
        var ttl = (await official.DescribeTimeToLiveAsync(options.TableName, Ct)).TimeToLiveDescription;

        table.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)).Should().Equal(("PK", "HASH"), ("SK", "RANGE"));
        table.BillingModeSummary.BillingMode.Should().Be(BillingMode.PAY_PER_REQUEST);
        table.GlobalSecondaryIndexes.Should().ContainSingle(i => i.IndexName == PhaseTable.Gsi1);
        ttl.AttributeName.Should().Be(PhaseTable.TimeToLive);
        ttl.TimeToLiveStatus.Value.Should().Be("ENABLED");
    }

    [Fact]
    public void CreateTableRequest_MatchesTheTableServerlessTemplateDeclares()
    {
        using var template = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "serverless.template")));
        var declared = template.RootElement.GetProperty("Resources").EnumerateObject()
            .Single(r => r.Value.GetProperty("Type").GetString() == "AWS::DynamoDB::Table").Value.GetProperty("Properties");
        var request = PhaseTable.CreateTableRequest("any");

        declared.GetProperty("BillingMode").GetString().Should().Be(request.BillingMode);
        Keys(declared.GetProperty("KeySchema")).Should().Equal(request.KeySchema.Select(k => (k.AttributeName, k.KeyType)));
        declared.GetProperty("AttributeDefinitions").EnumerateArray()
            .Select(a => (a.GetProperty("AttributeName").GetString()!, a.GetProperty("AttributeType").GetString()!))
            .Should().BeEquivalentTo(request.AttributeDefinitions.Select(a => (a.AttributeName, a.AttributeType)));
        var index = declared.GetProperty("GlobalSecondaryIndexes").EnumerateArray().Single();
        var expectedIndex = request.GlobalSecondaryIndexes!.Single();
        index.GetProperty("IndexName").GetString().Should().Be(expectedIndex.IndexName);
        Keys(index.GetProperty("KeySchema")).Should().Equal(expectedIndex.KeySchema.Select(k => (k.AttributeName, k.KeyType)));
        index.GetProperty("Projection").GetProperty("ProjectionType").GetString().Should().Be(expectedIndex.Projection.ProjectionType);
        declared.GetProperty("TimeToLiveSpecification").GetProperty("AttributeName").GetString().Should().Be(PhaseTable.TimeToLive);
        declared.GetProperty("TimeToLiveSpecification").GetProperty("Enabled").GetBoolean().Should().BeTrue();
    }

    private static IEnumerable<(string, string)> Keys(JsonElement schema) =>
        schema.EnumerateArray().Select(k => (k.GetProperty("AttributeName").GetString()!, k.GetProperty("KeyType").GetString()!));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Wso2Serverless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Wso2Serverless.sln) is not above the test binaries.");
    }
}

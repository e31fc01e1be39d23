using Amazon.DynamoDBv2;
using Wso2Serverless.Aws.DynamoDb;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Aws.Tests.DynamoDb;

public sealed class TokenStoreTests(MotoFixture moto) : IClassFixture<MotoFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private readonly IAmazonDynamoDB _client = MotoDynamoDb.Client(moto);
    private DynamoTokenStore _tokens = null!;
    private PhaseStoreOptions _options = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _options = await MotoDynamoDb.NewTableAsync(_client);
        _tokens = new DynamoTokenStore(_client, _options);
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private static PendingToken Token(string value) => new(value, "d-1", "CreateStack", T0);

    private static readonly CallbackOutcome Success = new(true, """{"stackStatus":"CREATE_COMPLETE"}""", null, null);

    [Fact]
    public async Task Register_WhenOutcomeRecordedFirst_ReturnsTheOutcome()
    {
        (await _tokens.RecordOutcomeAsync("stack:a", Success, T0, Ct)).Should().BeNull();

        var early = await _tokens.RegisterAsync("stack:a", Token("tok-1"), Ct);

        early.Should().Be(Success);
    }

    [Fact]
    public async Task RecordOutcome_WhenTokenRegisteredFirst_ReturnsTheToken()
    {
        (await _tokens.RegisterAsync("stack:b", Token("tok-1"), Ct)).Should().BeNull();

        var pending = await _tokens.RecordOutcomeAsync("stack:b", Success, T0.AddMinutes(1), Ct);

        pending.Should().Be(Token("tok-1"));
        (await _tokens.GetAsync("stack:b", Ct)).Should().Be(Token("tok-1"));
    }

    [Fact]
    public async Task RecordOutcome_Twice_KeepsTheFirstFinalOutcome()
    {
        var failure = new CallbackOutcome(false, null, "Wso2.StackFailed", "ROLLBACK_COMPLETE");
        await _tokens.RecordOutcomeAsync("stack:c", failure, T0, Ct);
        await _tokens.RecordOutcomeAsync("stack:c", Success, T0.AddMinutes(1), Ct);

        (await _tokens.RegisterAsync("stack:c", Token("tok-1"), Ct)).Should().Be(failure);
    }

    [Fact]
    public async Task RegisterAndRecord_Concurrently_ExactlyOneSideSeesTheOther()
    {
        for (var round = 0; round < 15; round++)
        {
            var key = $"command:race-{round}";
            var register = Task.Run(() => _tokens.RegisterAsync(key, Token($"tok-{round}"), Ct), Ct);
            var record = Task.Run(() => _tokens.RecordOutcomeAsync(key, Success, T0, Ct), Ct);
            var early = await register;
            var pending = await record;

            // Writes to one item are ordered: the second writer sees the first, never both or none.
            var seen = (early is not null ? 1 : 0) + (pending is not null ? 1 : 0);
            seen.Should().Be(1, $"round {round}");
        }
    }

    [Fact]
    public async Task Claim_Concurrently_ExactlyOneCallerWins()
    {
        for (var round = 0; round < 10; round++)
        {
            var key = $"signal:claim-{round}";
            await _tokens.RegisterAsync(key, Token("tok"), Ct);

            var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => _tokens.ClaimAsync(key, "tok", Ct), Ct)));

            claims.Count(c => c).Should().Be(1, $"round {round}");
        }
    }

    [Fact]
    public async Task Claim_NewTokenOnSameKey_CanBeClaimedOnce()
    {
        await _tokens.RegisterAsync("stack:rewait", Token("tok-1"), Ct);
        (await _tokens.ClaimAsync("stack:rewait", "tok-1", Ct)).Should().BeTrue();

        await _tokens.RegisterAsync("stack:rewait", Token("tok-2") with { RegisteredAt = T0.AddMinutes(30) }, Ct);

        (await _tokens.GetAsync("stack:rewait", Ct))!.TaskToken.Should().Be("tok-2");
        (await _tokens.ClaimAsync("stack:rewait", "tok-2", Ct)).Should().BeTrue();
        (await _tokens.ClaimAsync("stack:rewait", "tok-2", Ct)).Should().BeFalse();
        (await _tokens.ClaimAsync("stack:rewait", "tok-1", Ct)).Should().BeFalse();
    }

    [Fact]
    public async Task Get_WhenOnlyAnOutcomeIsKnown_ReturnsNull()
    {
        await _tokens.RecordOutcomeAsync("stack:none", Success, T0, Ct);

        (await _tokens.GetAsync("stack:none", Ct)).Should().BeNull();
        (await _tokens.GetAsync("stack:never", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task TokenItem_CarriesTimeToLive()
    {
        await _tokens.RegisterAsync("stack:ttl", Token("tok"), Ct);

        var item = await _client.GetItemAsync(_options.TableName, new() { ["PK"] = new("TOKEN#stack:ttl"), ["SK"] = new("TOKEN") }, Ct);

        long.Parse(item.Item[PhaseTable.TimeToLive].N, System.Globalization.CultureInfo.InvariantCulture)
            .Should().Be((T0 + TimeSpan.FromDays(7)).ToUnixTimeSeconds());
    }
}

using Amazon.DynamoDBv2;
using Wso2Serverless.Aws.DynamoDb;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.StandIns.Http;

namespace Wso2Serverless.Aws.Tests.DynamoDb;

public sealed class TokenStoreTests(MotoFixture moto) : IClassFixture<MotoFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private readonly DynamoDbClient _client = MotoDynamoDb.Client(moto);
    private readonly IAmazonDynamoDB _official = MotoDynamoDb.Official(moto);
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
        (await _tokens.RecordOutcomeAsync("stack:a", Success, T0, onlyIfAwaited: false, Ct))!.Token.Should().BeNull();

        var early = await _tokens.RegisterAsync("stack:a", Token("tok-1"), Ct);

        early.Outcome.Should().Be(Success);
    }

    [Fact]
    public async Task RecordOutcome_WhenTokenRegisteredFirst_ReturnsTheToken()
    {
        (await _tokens.RegisterAsync("stack:b", Token("tok-1"), Ct)).Outcome.Should().BeNull();

        var recorded = await _tokens.RecordOutcomeAsync("stack:b", Success, T0.AddMinutes(1), onlyIfAwaited: true, Ct);

        recorded.Should().Be(new RecordedOutcome(Token("tok-1"), Success));
        (await _tokens.GetAsync("stack:b", Ct)).Should().Be(Token("tok-1"));
    }

    [Fact]
    public async Task RecordOutcome_Twice_KeepsTheFirstFinalOutcome()
    {
        var failure = new CallbackOutcome(false, null, "Wso2.StackFailed", "ROLLBACK_COMPLETE");
        await _tokens.RecordOutcomeAsync("stack:c", failure, T0, onlyIfAwaited: false, Ct);
        (await _tokens.RecordOutcomeAsync("stack:c", Success, T0.AddMinutes(1), onlyIfAwaited: false, Ct))!.Outcome.Should().Be(failure);

        (await _tokens.RegisterAsync("stack:c", Token("tok-1"), Ct)).Outcome.Should().Be(failure);
    }

    [Fact]
    public async Task RegisterAndRecord_Concurrently_ExactlyOneSideSeesTheOther()
    {
        for (var round = 0; round < 15; round++)
        {
            var key = $"command:race-{round}";
            var register = Task.Run(() => _tokens.RegisterAsync(key, Token($"tok-{round}"), Ct), Ct);
            var record = Task.Run(() => _tokens.RecordOutcomeAsync(key, Success, T0, onlyIfAwaited: false, Ct), Ct);
            var early = await register;
            var recorded = await record;

            // Writes to one item are ordered: the second writer sees the first, never both or none.
            var seen = (early.Outcome is not null ? 1 : 0) + (recorded!.Token is not null ? 1 : 0);
            seen.Should().Be(1, $"round {round}");
        }
    }

    [Fact]
    public async Task RecordOutcome_OnlyIfAwaited_WithoutAToken_WritesNothing()
    {
        (await _tokens.RecordOutcomeAsync("command:nobody", Success, T0, onlyIfAwaited: true, Ct)).Should().BeNull();

        var item = await _official.GetItemAsync(_options.TableName, new() { ["PK"] = new("TOKEN#command:nobody"), ["SK"] = new("TOKEN") }, Ct);
        item.Item.Should().BeNullOrEmpty("an event nobody waits for leaves no item behind");
    }

    [Fact]
    public async Task RecordOutcome_WhenItsAnswerIsLost_TheRetryReturnsTheSameTokenAndOutcome()
    {
        await _tokens.RegisterAsync("stack:lost", Token("tok-1"), Ct);
        var lost = new LostAnswerHandler((operation, body) => operation == "UpdateItem" && body.Contains("outcome", StringComparison.Ordinal));
        using var losing = MotoDynamoDb.Client(moto, lost);

        var recorded = await new DynamoTokenStore(losing, _options).RecordOutcomeAsync("stack:lost", Success, T0, onlyIfAwaited: true, Ct);

        lost.Lost.Should().Equal("UpdateItem");
        recorded.Should().Be(new RecordedOutcome(Token("tok-1"), Success));
    }

    [Fact]
    public async Task Register_AfterARewait_ReplacesTheToken()
    {
        await _tokens.RegisterAsync("stack:rewait", Token("tok-1"), Ct);

        await _tokens.RegisterAsync("stack:rewait", Token("tok-2") with { RegisteredAt = T0.AddMinutes(30) }, Ct);

        (await _tokens.GetAsync("stack:rewait", Ct))!.TaskToken.Should().Be("tok-2");
    }

    [Fact]
    public async Task HoldStep_KeepsEachStepOnceForTheRegisteringTask()
    {
        var modules = new SubStep("modules", "PROGRESS", T0, "installed");
        await _tokens.HoldStepAsync("signal:held", modules, T0, Ct);
        await _tokens.HoldStepAsync("signal:held", modules with { At = T0.AddSeconds(5) }, T0.AddSeconds(5), Ct);
        await _tokens.HoldStepAsync("signal:held", new SubStep("ready", "READY", T0.AddMinutes(1), null), T0.AddMinutes(1), Ct);

        var registered = await _tokens.RegisterAsync("signal:held", Token("tok-1"), Ct);

        registered.HeldSteps.Select(s => s.Name).Should().Equal("modules", "ready");
        registered.HeldSteps[0].Should().Be(modules);
    }

    [Fact]
    public async Task HoldStep_WhenItsAnswerIsLost_HoldsItOnce()
    {
        var lost = new LostAnswerHandler((operation, body) => operation == "UpdateItem" && body.Contains("heldSteps", StringComparison.Ordinal));
        using var losing = MotoDynamoDb.Client(moto, lost);

        await new DynamoTokenStore(losing, _options).HoldStepAsync("signal:held-lost", new SubStep("modules", "PROGRESS", T0, null), T0, Ct);

        lost.Lost.Should().Equal("UpdateItem");
        (await _tokens.RegisterAsync("signal:held-lost", Token("tok-1"), Ct)).HeldSteps.Should().ContainSingle();
    }

    [Fact]
    public async Task Get_WhenOnlyAnOutcomeIsKnown_ReturnsNull()
    {
        await _tokens.RecordOutcomeAsync("stack:none", Success, T0, onlyIfAwaited: false, Ct);

        (await _tokens.GetAsync("stack:none", Ct)).Should().BeNull();
        (await _tokens.GetAsync("stack:never", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task TokenItem_CarriesTimeToLive()
    {
        await _tokens.RegisterAsync("stack:ttl", Token("tok"), Ct);

        var item = await _official.GetItemAsync(_options.TableName, new() { ["PK"] = new("TOKEN#stack:ttl"), ["SK"] = new("TOKEN") }, Ct);

        long.Parse(item.Item[PhaseTable.TimeToLive].N, System.Globalization.CultureInfo.InvariantCulture)
            .Should().Be((T0 + TimeSpan.FromDays(7)).ToUnixTimeSeconds());
    }
}

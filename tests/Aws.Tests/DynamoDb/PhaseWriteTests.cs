using Wso2Serverless.Aws.DynamoDb;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.StandIns.Http;

namespace Wso2Serverless.Aws.Tests.DynamoDb;

/// <summary>
/// #13 defect 3 on the real wire: a phase item is opened and closed by its task only; an event
/// appends to a running phase and never creates or reopens one. And every conditional write
/// holds when "the request reached DynamoDB but the answer was lost" and the client sent it again.
/// </summary>
public sealed class PhaseWriteTests(MotoFixture moto) : IClassFixture<MotoFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private DynamoDbClient _client = null!;
    private PhaseStoreOptions _options = null!;
    private DynamoDeploymentStore _store = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _client = MotoDynamoDb.Client(moto);
        _options = await MotoDynamoDb.NewTableAsync(_client);
        _store = new DynamoDeploymentStore(_client, _options);
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>A store whose client loses the answer of the first request for which <paramref name="matches"/> holds.</summary>
    private (DynamoDeploymentStore Store, LostAnswerHandler Lost) LosingFirst(Func<string, string, bool> matches)
    {
        var lost = new LostAnswerHandler(matches);
        return (new DynamoDeploymentStore(MotoDynamoDb.Client(moto, lost), _options), lost);
    }

    private static Task<PhaseAppendResult> Step(DynamoDeploymentStore store, string id, SubStep step) =>
        store.AppendToPhaseAsync(id, PhaseNames.AwaitPuppetMaster, new PhaseAppend { SubSteps = [step] }, Ct);

    private static PhaseFinish Finish(string id, string phase, PhaseStatus status, string? error) =>
        new() { DeploymentId = id, Phase = phase, Status = status, EndedAt = T0.AddMinutes(10), Error = error };

    private static PhaseRecord Running(string id, string phase) => new()
    {
        DeploymentId = id, Phase = phase, Status = PhaseStatus.Running, StartedAt = T0,
    };

    [Fact]
    public async Task AppendSubStep_BeforeThePhaseStarted_CreatesNoPhase()
    {
        var result = await Step(_store, "early-1", new SubStep("packages", "PROGRESS", T0, null));

        result.Should().Be(PhaseAppendResult.NotRunning);
        (await _store.GetPhaseAsync("early-1", PhaseNames.AwaitPuppetMaster, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task AppendSubStep_ToAClosedPhase_WritesNothing()
    {
        await _store.PutPhaseAsync(Running("late-1", PhaseNames.AwaitPuppetMaster) with { Status = PhaseStatus.Succeeded, EndedAt = T0.AddMinutes(9) }, Ct);

        var result = await Step(_store, "late-1", new SubStep("ready", "READY", T0.AddMinutes(10), null));

        result.Should().Be(PhaseAppendResult.NotRunning);
        var phase = (await _store.GetPhaseAsync("late-1", PhaseNames.AwaitPuppetMaster, Ct))!;
        phase.Status.Should().Be(PhaseStatus.Succeeded);
        phase.SubSteps.Should().BeEmpty();
    }

    [Fact]
    public async Task AppendSubStep_Redelivered_IsOneStep()
    {
        await _store.StartPhaseAsync("dup-1", PhaseNames.AwaitPuppetMaster, T0, null, Ct);
        var step = new SubStep("modules", "PROGRESS", T0.AddMinutes(1), "installed");

        (await Step(_store, "dup-1", step)).Should().Be(PhaseAppendResult.Appended);
        (await Step(_store, "dup-1", step with { At = T0.AddMinutes(2) })).Should().Be(PhaseAppendResult.Duplicate);

        (await _store.GetPhaseAsync("dup-1", PhaseNames.AwaitPuppetMaster, Ct))!.SubSteps.Should().ContainSingle();
    }

    [Fact]
    public async Task AppendSeveralSteps_SomeKnown_AddsOnlyTheNewOnesAndTheDetail()
    {
        await _store.StartPhaseAsync("many-1", PhaseNames.AwaitPuppetMaster, T0, null, Ct);
        var modules = new SubStep("modules", "PROGRESS", T0, null);
        await Step(_store, "many-1", modules);

        var result = await _store.AppendToPhaseAsync("many-1", PhaseNames.AwaitPuppetMaster, new PhaseAppend
        {
            SubSteps = [modules, new SubStep("ready", "READY", T0.AddMinutes(1), null)],
            Detail = new Dictionary<string, string> { ["signalStatus"] = "READY" },
        }, Ct);

        result.Should().Be(PhaseAppendResult.Appended);
        var phase = (await _store.GetPhaseAsync("many-1", PhaseNames.AwaitPuppetMaster, Ct))!;
        phase.SubSteps.Select(s => s.Name).Should().Equal("modules", "ready");
        phase.Detail.Should().Contain("signalStatus", "READY");
    }

    [Fact]
    public async Task Start_OnAClosedPhase_ReturnsItClosed()
    {
        await _store.StartPhaseAsync("start-1", PhaseNames.CreateStack, T0, null, Ct);
        await _store.FinishPhaseAsync(Finish("start-1", PhaseNames.CreateStack, PhaseStatus.Failed, "rollback"), Ct);

        var again = await _store.StartPhaseAsync("start-1", PhaseNames.CreateStack, T0.AddMinutes(5), new Dictionary<string, string> { ["x"] = "y" }, Ct);

        again.Status.Should().Be(PhaseStatus.Failed);
        (await _store.GetPhaseAsync("start-1", PhaseNames.CreateStack, Ct))!.Detail.Should().NotContainKey("x");
    }

    [Fact]
    public async Task Start_Again_KeepsStartAttemptStepsAndMergesDetail()
    {
        await _store.StartPhaseAsync("re-1", PhaseNames.AwaitPuppetMaster, T0, new Dictionary<string, string> { ["a"] = "1" }, Ct);
        await Step(_store, "re-1", new SubStep("modules", "PROGRESS", T0, null));
        await _store.SetPhaseAttemptAsync("re-1", PhaseNames.AwaitPuppetMaster, 1, 2, null, Ct);

        var again = await _store.StartPhaseAsync("re-1", PhaseNames.AwaitPuppetMaster, T0.AddMinutes(30), new Dictionary<string, string> { ["b"] = "2" }, Ct);

        var stored = (await _store.GetPhaseAsync("re-1", PhaseNames.AwaitPuppetMaster, Ct))!;
        stored.StartedAt.Should().Be(T0);
        stored.Attempt.Should().Be(2);
        stored.SubSteps.Should().ContainSingle();
        stored.Detail.Should().Contain("a", "1").And.Contain("b", "2");
        again.Should().BeEquivalentTo(stored);
    }

    [Fact]
    public async Task Finish_Twice_KeepsTheFirstClose()
    {
        await _store.StartPhaseAsync("fin-1", PhaseNames.Verify, T0, null, Ct);

        var first = await _store.FinishPhaseAsync(Finish("fin-1", PhaseNames.Verify, PhaseStatus.Failed, "unhealthy"), Ct);
        var second = await _store.FinishPhaseAsync(Finish("fin-1", PhaseNames.Verify, PhaseStatus.Succeeded, null), Ct);

        first.Status.Should().Be(PhaseStatus.Failed);
        second.Should().BeEquivalentTo(first);
    }

    [Fact]
    public async Task Finish_OfAPhaseNeverStarted_CreatesItClosed()
    {
        var closed = await _store.FinishPhaseAsync(Finish("never-1", PhaseNames.Accept, PhaseStatus.Failed, "invalid input"), Ct);

        closed.Status.Should().Be(PhaseStatus.Failed);
        (await _store.GetPhaseAsync("never-1", PhaseNames.Accept, Ct)).Should().BeEquivalentTo(closed);
    }

    [Fact]
    public async Task SetAttempt_WhenAnotherReconcileCountedFirst_IsRefused()
    {
        await _store.StartPhaseAsync("att-1", PhaseNames.CreateStack, T0, null, Ct);

        (await _store.SetPhaseAttemptAsync("att-1", PhaseNames.CreateStack, 1, 2, null, Ct)).Should().BeTrue();
        (await _store.SetPhaseAttemptAsync("att-1", PhaseNames.CreateStack, 1, 2, null, Ct)).Should().BeFalse();
    }

    [Theory]
    [InlineData("start")]
    [InlineData("append")]
    [InlineData("attempt")]
    [InlineData("finish")]
    public async Task ConditionalPhaseWrite_WhenItsAnswerIsLost_RecognisesItsOwnWrite(string write)
    {
        var id = "lost-" + write;
        if (write != "start")
        {
            await _store.StartPhaseAsync(id, PhaseNames.AwaitPuppetMaster, T0, null, Ct);
        }

        var (store, lost) = LosingFirst((operation, body) => operation is "PutItem" or "UpdateItem" && body.Contains("PHASE#", StringComparison.Ordinal));
        object result = write switch
        {
            "start" => (await store.StartPhaseAsync(id, PhaseNames.AwaitPuppetMaster, T0, new Dictionary<string, string> { ["k"] = "v" }, Ct)).Status,
            "append" => await Step(store, id, new SubStep("modules", "PROGRESS", T0, null)),
            "attempt" => await store.SetPhaseAttemptAsync(id, PhaseNames.AwaitPuppetMaster, 1, 2, null, Ct),
            _ => (await store.FinishPhaseAsync(Finish(id, PhaseNames.AwaitPuppetMaster, PhaseStatus.Succeeded, null), Ct)).Status,
        };

        lost.Lost.Should().ContainSingle("the first answer was lost and the client sent the request again");
        result.Should().Be(write switch
        {
            "start" => PhaseStatus.Running,
            "append" => PhaseAppendResult.Appended,
            "attempt" => true,
            _ => (object)PhaseStatus.Succeeded,
        });
        var stored = (await _store.GetPhaseAsync(id, PhaseNames.AwaitPuppetMaster, Ct))!;
        stored.SubSteps.Should().HaveCount(write == "append" ? 1 : 0);
    }

    [Fact]
    public async Task ReleasedClaim_IsClaimedAgainWithALookupFirst()
    {
        var first = await _store.ClaimCommandAsync("rel-1", PhaseNames.RunDatabaseScripts, 1, T0, Ct);
        await _store.ReleaseCommandAsync("rel-1", PhaseNames.RunDatabaseScripts, 1, first.ClaimId!, T0.AddSeconds(1), Ct);

        var second = await _store.ClaimCommandAsync("rel-1", PhaseNames.RunDatabaseScripts, 1, T0.AddSeconds(5), Ct);

        second.Status.Should().Be(CommandClaimStatus.Claimed);
        second.LookUpFirst.Should().BeTrue();
        second.ClaimId.Should().NotBe(first.ClaimId);
    }

    [Fact]
    public async Task Release_ByAnotherHolder_OrAfterTheIdIsRecorded_ChangesNothing()
    {
        var claim = await _store.ClaimCommandAsync("rel-2", PhaseNames.RunDatabaseScripts, 1, T0, Ct);
        await _store.ReleaseCommandAsync("rel-2", PhaseNames.RunDatabaseScripts, 1, "someone-else", T0, Ct);
        (await _store.ClaimCommandAsync("rel-2", PhaseNames.RunDatabaseScripts, 1, T0, Ct)).Status.Should().Be(CommandClaimStatus.InFlight);

        await _store.RecordCommandAsync("rel-2", PhaseNames.RunDatabaseScripts, 1, "cmd-1", Ct);
        await _store.ReleaseCommandAsync("rel-2", PhaseNames.RunDatabaseScripts, 1, claim.ClaimId!, T0, Ct);

        (await _store.ClaimCommandAsync("rel-2", PhaseNames.RunDatabaseScripts, 1, T0, Ct)).Should()
            .Match<CommandClaim>(c => c.Status == CommandClaimStatus.AlreadySent && c.CommandId == "cmd-1");
    }

    [Fact]
    public async Task TakeOver_OfAnAbandonedClaim_HasOneWinner()
    {
        var stale = await _store.ClaimCommandAsync("take-1", PhaseNames.RunDatabaseScripts, 1, T0, Ct);

        var takers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
            _store.TakeOverCommandAsync("take-1", PhaseNames.RunDatabaseScripts, 1, stale.ClaimId!, T0.AddMinutes(3), Ct), Ct)));

        takers.Count(t => t.Status == CommandClaimStatus.Claimed).Should().Be(1);
        takers.Single(t => t.Status == CommandClaimStatus.Claimed).LookUpFirst.Should().BeTrue();
    }

    [Fact]
    public async Task PutPhase_RunningOverAClosedPhase_DoesNotReopenIt()
    {
        var running = Running("reopen-1", PhaseNames.CreateStack);
        await _store.PutPhaseAsync(running, Ct);
        await _store.PutPhaseAsync(running with { Status = PhaseStatus.Failed, EndedAt = T0.AddMinutes(3), Error = "rollback" }, Ct);

        await _store.PutPhaseAsync(running with { Detail = new Dictionary<string, string> { ["late"] = "yes" } }, Ct);

        var phase = (await _store.GetPhaseAsync("reopen-1", PhaseNames.CreateStack, Ct))!;
        phase.Status.Should().Be(PhaseStatus.Failed);
        phase.Error.Should().Be("rollback");
    }

    [Fact]
    public async Task ClaimCommand_WhenItsAnswerIsLost_RecognisesItsOwnClaim()
    {
        var (store, lost) = LosingFirst((operation, body) => operation == "PutItem" && body.Contains("CMD#", StringComparison.Ordinal));

        var claim = await store.ClaimCommandAsync("lost-1", PhaseNames.RunDatabaseScripts, 1, T0, Ct);

        lost.Lost.Should().Equal("PutItem");
        claim.Status.Should().Be(CommandClaimStatus.Claimed, "the claim that DynamoDB applied is this caller's own");
        (await _store.ClaimCommandAsync("lost-1", PhaseNames.RunDatabaseScripts, 1, T0, Ct)).Status.Should().Be(CommandClaimStatus.InFlight);
    }
}

using Wso2Serverless.Aws.DynamoDb;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Aws.Tests.DynamoDb;

public sealed class DeploymentStoreTests(MotoFixture moto) : IClassFixture<MotoFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private readonly DynamoDbClient _client = MotoDynamoDb.Client(moto);
    private DynamoDeploymentStore _store = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _store = new DynamoDeploymentStore(_client, await MotoDynamoDb.NewTableAsync(_client));

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private static DeploymentRecord Record(string id, string environment = "dev", DateTimeOffset? startedAt = null) => new()
    {
        DeploymentId = id,
        Environment = environment,
        StackName = $"wso2-{environment}",
        Status = DeploymentStatus.Running,
        StartedAt = startedAt ?? T0,
        Trigger = "api",
        Rebuild = true,
    };

    [Fact]
    public async Task Create_ThenGet_RoundTrips()
    {
        var record = Record("rt-1") with { ExecutionArn = "arn:aws:states:us-east-1:1:execution:m:rt-1" };

        (await _store.CreateAsync(record, Ct)).Should().BeTrue();

        (await _store.GetAsync("rt-1", Ct)).Should().BeEquivalentTo(record);
        (await _store.GetAsync("missing", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Create_Twice_SecondReturnsFalseAndKeepsTheFirst()
    {
        await _store.CreateAsync(Record("dup-1"), Ct);

        (await _store.CreateAsync(Record("dup-1") with { StackName = "other" }, Ct)).Should().BeFalse();

        (await _store.GetAsync("dup-1", Ct))!.StackName.Should().Be("wso2-dev");
    }

    [Fact]
    public async Task Close_Twice_SecondReturnsFalseAndKeepsTheFirstOutcome()
    {
        await _store.CreateAsync(Record("close-1"), Ct);

        (await _store.CloseAsync("close-1", DeploymentStatus.Failed, PhaseNames.CreateStack, "ROLLBACK_COMPLETE", T0.AddMinutes(20), Ct)).Should().BeTrue();
        (await _store.CloseAsync("close-1", DeploymentStatus.Aborted, null, "aborted", T0.AddMinutes(30), Ct)).Should().BeFalse();

        var closed = await _store.GetAsync("close-1", Ct);
        closed!.Status.Should().Be(DeploymentStatus.Failed);
        closed.FailedPhase.Should().Be(PhaseNames.CreateStack);
        closed.Reason.Should().Be("ROLLBACK_COMPLETE");
        closed.EndedAt.Should().Be(T0.AddMinutes(20));
    }

    [Fact]
    public async Task Close_Concurrently_ExactlyOneCloserWins()
    {
        await _store.CreateAsync(Record("close-race"), Ct);

        var closes = await Task.WhenAll(new[] { DeploymentStatus.Succeeded, DeploymentStatus.Aborted, DeploymentStatus.TimedOut }
            .Select(s => Task.Run(() => _store.CloseAsync("close-race", s, null, null, T0.AddHours(1), Ct), Ct)));

        closes.Count(c => c).Should().Be(1);
    }

    [Fact]
    public async Task Close_UnknownRecord_ReturnsFalse() =>
        (await _store.CloseAsync("nobody", DeploymentStatus.Succeeded, null, null, T0, Ct)).Should().BeFalse();

    [Fact]
    public async Task UpdateRunning_SetsOnlyGivenFields_AndLeavesClosedRecordsAlone()
    {
        await _store.CreateAsync(Record("upd-1"), Ct);

        await _store.UpdateRunningAsync("upd-1", "arn:exec", null, null, Ct);
        await _store.UpdateRunningAsync("upd-1", null, "arn:stack", new Dictionary<string, string> { ["ApiManagerUrl"] = "https://apim" }, Ct);
        var running = await _store.GetAsync("upd-1", Ct);
        running!.ExecutionArn.Should().Be("arn:exec");
        running.StackId.Should().Be("arn:stack");
        running.Outputs.Should().Equal(new Dictionary<string, string> { ["ApiManagerUrl"] = "https://apim" });

        await _store.CloseAsync("upd-1", DeploymentStatus.Succeeded, null, null, T0.AddHours(1), Ct);
        await _store.UpdateRunningAsync("upd-1", "arn:late", null, null, Ct);
        (await _store.GetAsync("upd-1", Ct))!.ExecutionArn.Should().Be("arn:exec");
    }

    [Fact]
    public async Task ListByEnvironment_ReturnsNewestFirst_InPages()
    {
        for (var i = 0; i < 5; i++)
        {
            await _store.CreateAsync(Record($"hist-{i}", "history", T0.AddHours(i)), Ct);
        }

        await _store.CreateAsync(Record("elsewhere", "other-env", T0.AddDays(1)), Ct);

        var ids = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await _store.ListByEnvironmentAsync("history", 2, cursor, Ct);
            page.Items.Count.Should().BeLessThanOrEqualTo(2);
            ids.AddRange(page.Items.Select(r => r.DeploymentId));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 10);

        ids.Should().Equal("hist-4", "hist-3", "hist-2", "hist-1", "hist-0");
    }

    [Fact]
    public async Task ListByEnvironment_WithForeignCursor_IsRejected()
    {
        var act = () => _store.ListByEnvironmentAsync("dev", 5, "!!not-a-cursor!!", Ct);

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task Phases_ComeBackInStartOrder_WithDetailInstancesAndErrors()
    {
        var verify = Phase("ph-1", PhaseNames.Verify, T0.AddMinutes(50));
        var create = Phase("ph-1", PhaseNames.CreateStack, T0.AddMinutes(1)) with
        {
            Status = PhaseStatus.Failed,
            EndedAt = T0.AddMinutes(30),
            Attempt = 2,
            Detail = new Dictionary<string, string> { ["stackStatus"] = "ROLLBACK_COMPLETE", ["commandId"] = "c-1" },
            Instances = [new InstanceResult("i-1", "Failed", 4, "Error: could not retrieve catalog", T0.AddMinutes(29)), new InstanceResult("i-2", "Success", null, "")],
            Error = "Wso2.StackFailed",
        };
        var accept = Phase("ph-1", PhaseNames.Accept, T0);
        await _store.PutPhaseAsync(verify, Ct);
        await _store.PutPhaseAsync(create, Ct);
        await _store.PutPhaseAsync(accept, Ct);
        await _store.PutPhaseAsync(Phase("ph-other", PhaseNames.Accept, T0), Ct);

        var phases = await _store.GetPhasesAsync("ph-1", Ct);

        phases.Select(p => p.Phase).Should().Equal(PhaseNames.Accept, PhaseNames.CreateStack, PhaseNames.Verify);
        phases[1].Should().BeEquivalentTo(create);
        (await _store.GetPhaseAsync("ph-1", PhaseNames.CreateStack, Ct)).Should().BeEquivalentTo(create);
        (await _store.GetPhaseAsync("ph-1", PhaseNames.Complete, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task PutPhase_Replacing_ClearsEndedAndErrorWhenAbsent()
    {
        await _store.PutPhaseAsync(Phase("ph-2", PhaseNames.CreateStack, T0) with { EndedAt = T0.AddMinutes(5), Error = "x" }, Ct);

        await _store.PutPhaseAsync(Phase("ph-2", PhaseNames.CreateStack, T0) with { Attempt = 2 }, Ct);

        var phase = await _store.GetPhaseAsync("ph-2", PhaseNames.CreateStack, Ct);
        phase!.EndedAt.Should().BeNull();
        phase.Error.Should().BeNull();
        phase.Attempt.Should().Be(2);
    }

    [Fact]
    public async Task AppendSubStep_AppendsInOrder_AndSurvivesTheTasksOwnPhaseWrite()
    {
        var phase = Phase("sub-1", PhaseNames.AwaitPuppetMaster, T0);
        await _store.PutPhaseAsync(phase, Ct);

        await Step("sub-1", new SubStep("modules", "PROGRESS", T0.AddMinutes(3), "modules configured"));
        await Step("sub-1", new SubStep("database", "PROGRESS", T0.AddMinutes(6), null));
        await _store.PutPhaseAsync(phase with { Status = PhaseStatus.Succeeded, EndedAt = T0.AddMinutes(8) }, Ct);

        var stored = await _store.GetPhaseAsync("sub-1", PhaseNames.AwaitPuppetMaster, Ct);
        stored!.Status.Should().Be(PhaseStatus.Succeeded);
        stored.SubSteps.Should().Equal(
            new SubStep("modules", "PROGRESS", T0.AddMinutes(3), "modules configured"),
            new SubStep("database", "PROGRESS", T0.AddMinutes(6), null));
    }

    [Fact]
    public async Task PutPhase_CarryingAStaleSubStepList_KeepsTheStepsAppendedSinceItsRead()
    {
        await _store.StartPhaseAsync("sub-stale", PhaseNames.AwaitPuppetMaster, T0, null, Ct);
        await Step("sub-stale", new SubStep("bootstrap", "PROGRESS", T0, null));
        var read = (await _store.GetPhaseAsync("sub-stale", PhaseNames.AwaitPuppetMaster, Ct))!;

        // A signal lands between the task's read and its write (the race simulate hit under load).
        await Step("sub-stale", new SubStep("verify", "READY", T0.AddMinutes(10), null));
        await _store.PutPhaseAsync(read with { Detail = new Dictionary<string, string> { ["waitingFor"] = "READY" } }, Ct);

        var stored = (await _store.GetPhaseAsync("sub-stale", PhaseNames.AwaitPuppetMaster, Ct))!;
        stored.SubSteps.Select(s => s.Status).Should().Equal("PROGRESS", "READY");
        stored.Detail.Should().ContainKey("waitingFor");
    }

    [Fact]
    public async Task AppendSubStep_Concurrently_LosesNoneAndStopsAtTheCap()
    {
        await _store.PutPhaseAsync(Phase("sub-cap", PhaseNames.AwaitPuppetMaster, T0), Ct);

        await Task.WhenAll(Enumerable.Range(0, 105).Select(i => Task.Run(() =>
            Step("sub-cap", new SubStep($"step-{i}", "PROGRESS", T0.AddSeconds(i), new string('m', 2_000))), Ct)));

        var steps = (await _store.GetPhaseAsync("sub-cap", PhaseNames.AwaitPuppetMaster, Ct))!.SubSteps;
        steps.Should().HaveCount(100);
        steps.Select(s => s.Name).Should().OnlyHaveUniqueItems();
        steps.Should().AllSatisfy(s => s.Message!.Length.Should().BeLessThanOrEqualTo(512));
    }

    [Fact]
    public async Task PutPhase_WithHugeInstanceOutputs_StaysUnderTheItemLimit()
    {
        var tail = new string('x', 2_048);
        var phase = Phase("big-1", PhaseNames.Agent(AgentRoles.ApiManager), T0) with
        {
            Instances = [.. Enumerable.Range(0, 250).Select(i => new InstanceResult($"i-{i:D17}", "Failed", 1, tail))],
            Error = new string('e', 100_000),
        };

        await _store.PutPhaseAsync(phase, Ct);

        var stored = await _store.GetPhaseAsync("big-1", phase.Phase, Ct);
        stored!.Instances.Should().HaveCount(250);
        stored.Instances[0].OutputTail.Length.Should().BeLessThan(tail.Length);
        stored.Error!.Length.Should().BeLessThan(10_000);
    }

    [Fact]
    public async Task ClaimCommand_Concurrently_ExactlyOneClaims()
    {
        for (var round = 0; round < 10; round++)
        {
            var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
                Task.Run(() => _store.ClaimCommandAsync("cmd-race", PhaseNames.RunDatabaseScripts, round + 1, T0, Ct), Ct)));

            claims.Count(c => c.Status == CommandClaimStatus.Claimed).Should().Be(1, $"round {round}");
            claims.Where(c => c.Status != CommandClaimStatus.Claimed).Should().AllSatisfy(c =>
            {
                c.Status.Should().Be(CommandClaimStatus.InFlight);
                c.ClaimedAt.Should().Be(T0);
            });
        }
    }

    [Fact]
    public async Task ClaimCommand_AfterRecord_ReportsAlreadySentWithTheFirstId()
    {
        (await _store.ClaimCommandAsync("cmd-1", PhaseNames.RunDatabaseScripts, 1, T0, Ct)).Status.Should().Be(CommandClaimStatus.Claimed);
        await _store.RecordCommandAsync("cmd-1", PhaseNames.RunDatabaseScripts, 1, "c-first", Ct);
        await _store.RecordCommandAsync("cmd-1", PhaseNames.RunDatabaseScripts, 1, "c-second", Ct);

        var again = await _store.ClaimCommandAsync("cmd-1", PhaseNames.RunDatabaseScripts, 1, T0.AddMinutes(1), Ct);

        again.Should().Match<CommandClaim>(c => c.Status == CommandClaimStatus.AlreadySent && c.CommandId == "c-first" && c.ClaimedAt == T0);
        (await _store.ClaimCommandAsync("cmd-1", PhaseNames.RunDatabaseScripts, 2, T0.AddMinutes(2), Ct)).Status.Should().Be(CommandClaimStatus.Claimed);
    }

    [Fact]
    public async Task CommandClaims_AreNotPhases()
    {
        await _store.PutPhaseAsync(Phase("mix-1", PhaseNames.RunDatabaseScripts, T0), Ct);
        await _store.ClaimCommandAsync("mix-1", PhaseNames.RunDatabaseScripts, 1, T0, Ct);
        await _store.CreateAsync(Record("mix-1"), Ct);

        (await _store.GetPhasesAsync("mix-1", Ct)).Should().ContainSingle();
    }

    private Task<PhaseAppendResult> Step(string id, SubStep step) =>
        _store.AppendToPhaseAsync(id, PhaseNames.AwaitPuppetMaster, new PhaseAppend { SubSteps = [step] }, Ct);

    private static PhaseRecord Phase(string id, string phase, DateTimeOffset startedAt) => new()
    {
        DeploymentId = id,
        Phase = phase,
        Status = PhaseStatus.Running,
        StartedAt = startedAt,
    };
}

using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Simulator.Chaos;
using Wso2Serverless.Simulator.Reporting;

namespace Wso2Serverless.Simulator.Tests.Chaos;

/// <summary>The checker on crafted outcomes: a good run passes, and each way a run can go wrong is reported under its invariant.</summary>
public sealed class InvariantsTests
{
    private const string Name = "sim-dev-0badc0de";
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] Workflow =
        [PhaseNames.Accept, PhaseNames.CreateStack, PhaseNames.AwaitPuppetMaster, PhaseNames.RunDatabaseScripts, PhaseNames.Agent("apim"), PhaseNames.Verify];

    private static ChaosPlan Plan(string scenario = "happy") => new() { Seed = 7, Scenario = scenario };

    private static ExecutionReport Execution(string status = "SUCCEEDED", DeploymentStatus record = DeploymentStatus.Succeeded) => new()
    {
        Name = Name,
        Environment = "dev",
        StackName = "wso2-dev",
        Status = status,
        StartedAt = Start,
        EndedAt = Start.AddMinutes(90),
        Transitions = 14,
        States = [.. new[] { "Accept", "CreateStack", "AwaitPuppetMaster", "RunDatabaseScripts", "RunPuppetAgents", "RunPuppetAgent", "Verify", "Complete" }
            .Select(s => new StateVisit(s, "Task", Start, Start.AddMinutes(1), null))],
        Record = new DeploymentRecord { DeploymentId = Name, Environment = "dev", StackName = "wso2-dev", Status = record, StartedAt = Start, EndedAt = Start.AddMinutes(90) },
        Phases = [.. Workflow.Select(p => new PhaseRecord { DeploymentId = Name, Phase = p, Status = PhaseStatus.Succeeded, StartedAt = Start, EndedAt = Start.AddMinutes(1) })],
    };

    private static SimulationReport Report(ExecutionReport execution, int stacks = 1, int commandsPerAttempt = 1, int notifications = 1) => new()
    {
        Scenario = "happy",
        ExpectedStatus = "SUCCEEDED",
        Seed = 7,
        MotoEndpoint = new Uri("http://127.0.0.1:1"),
        TableName = "t",
        RealDuration = TimeSpan.FromSeconds(3),
        Executions = [execution],
        Invocations = [],
        Events = [],
        Notifications = [.. Enumerable.Range(0, notifications).Select(i => new NotificationReport(Start.AddMinutes(90 + i), "function:sns", null, "arn:topic", "done", $"Deployment: {Name}"))],
        Stacks = [.. Enumerable.Range(0, stacks).Select(i => new StackDescription($"arn:stack/wso2-dev/{i}", "wso2-dev", "CREATE_COMPLETE", null,
            new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, string> { [ResourceTags.DeploymentId] = Name }))],
        ThrottledCalls = 0,
        FunctionLog = "",
        RunnerStderr = [],
        ExecutionInputs = [],
        Steps = 1,
        Advances = [],
        Commands = [.. Enumerable.Range(0, commandsPerAttempt).Select(i => new CommandResult($"cmd-{i}", "Success", []) { Comment = $"wso2 {Name} RunDatabaseScripts #1" })],
    };

    private static IReadOnlyList<Violation> Check(ExecutionReport execution, ChaosPlan? plan = null, bool cancelAccepted = false, int stacks = 1, int commands = 1, int notifications = 1) =>
        Invariants.Check(new ChaosOutcome(plan ?? Plan(), Report(execution, stacks, commands, notifications), null, cancelAccepted));

    [Fact]
    public void AGoodRun_BreaksNothing() => Check(Execution()).Should().BeEmpty();

    [Fact]
    public void ARunThatDidNotFinish_IsReported() =>
        Invariants.Check(new ChaosOutcome(Plan(), null, "SimulationStalledException: nothing left to run", false))
            .Should().ContainSingle(v => v.Invariant == Invariants.ExecutionEnded && v.Detail.Contains("Stalled"));

    [Fact]
    public void ARecordLeftRunning_IsReported() =>
        Check(Execution(record: DeploymentStatus.Running)).Select(v => v.Invariant).Should().Contain(Invariants.RecordClosed);

    [Fact]
    public void ARecordThatDisagreesWithTheExecution_IsReported() =>
        Check(Execution("ABORTED", DeploymentStatus.Succeeded)).Select(v => v.Invariant).Should().Contain(Invariants.RecordClosed);

    [Theory]
    [InlineData("teardown-20260105-090000-0a0b0c0d", DeploymentStatus.TornDown, false)]
    [InlineData("teardown-20260105-090000-0a0b0c0d", DeploymentStatus.Succeeded, true)]
    [InlineData("expire-dev-20260105T0900", DeploymentStatus.TornDown, false)]
    [InlineData(Name, DeploymentStatus.TornDown, true)]
    public void ASucceededTeardown_ClosesTornDown_AndOnlyATeardownDoes(string execution, DeploymentStatus record, bool violated)
    {
        var run = Execution(record: record);
        run = run with { Name = execution, Record = run.Record! with { DeploymentId = execution } };
        var found = Check(run).Where(v => v.Invariant == Invariants.RecordClosed);
        found.Should().HaveCount(violated ? 1 : 0);
    }

    [Fact]
    public void ALockStillHeldByTheRun_IsReported() =>
        Check(Execution() with { Lock = new LockInfo("dev", Name, Start, Start.AddHours(3)) })
            .Should().ContainSingle().Which.Invariant.Should().Be(Invariants.LockReleased);

    [Fact]
    public void ALockHeldByAnotherRun_IsNotThisRunsViolation() =>
        Check(Execution() with { Lock = new LockInfo("dev", "someone-else", Start, Start.AddHours(3)) }).Should().BeEmpty();

    [Fact]
    public void APhaseLeftRunning_IsReported()
    {
        var execution = Execution("ABORTED", DeploymentStatus.Cancelled);
        execution = execution with { Phases = [.. execution.Phases.Select(p => p.Phase == PhaseNames.CreateStack ? p with { Status = PhaseStatus.Running, EndedAt = null } : p)] };

        Check(execution, cancelAccepted: true).Should().ContainSingle().Which.Should().Be(
            new Violation(Invariants.PhasesClosed, $"{Name}: CreateStack is still Running (attempt 1)"));
    }

    [Fact]
    public void APhaseWhoseStateNeverRan_IsReported()
    {
        var execution = Execution();
        execution = execution with { States = [.. execution.States.Where(s => s.State != "Verify")] };

        Check(execution).Should().ContainSingle(v => v.Invariant == Invariants.PhasesClosed && v.Detail.Contains("never entered Verify"));
    }

    [Fact]
    public void AFailedPhaseInASucceededRun_IsReported()
    {
        var execution = Execution();
        execution = execution with { Phases = [.. execution.Phases.Select(p => p.Phase == PhaseNames.Verify ? p with { Status = PhaseStatus.Failed } : p)] };

        Check(execution).Should().ContainSingle(v => v.Invariant == Invariants.PhasesClosed && v.Detail.Contains("succeeded but Verify is Failed"));
    }

    [Fact]
    public void TwoStacks_AreReported() =>
        Check(Execution(), stacks: 2).Should().ContainSingle().Which.Invariant.Should().Be(Invariants.OneStackOneCommand);

    [Fact]
    public void TwoCommandsForOnePhaseAttempt_AreReported() =>
        Check(Execution(), commands: 2).Should().ContainSingle().Which.Detail.Should().Contain("2 commands for 'wso2 sim-dev-0badc0de RunDatabaseScripts #1'");

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void NoneOrTwoNotifications_AreReported(int notifications) =>
        Check(Execution(), notifications: notifications).Should().ContainSingle().Which.Should().Be(
            new Violation(Invariants.OneNotification, $"{Name}: {notifications} notifications"));

    [Fact]
    public void ARepeatedNotification_IsAllowedOnlyForAPublishThatWentOutUnconfirmed()
    {
        var twice = new ChaosOutcome(Plan(), Report(Execution(), notifications: 2), null, false) { UnconfirmedPublishes = 1 };
        var thrice = twice with { Report = Report(Execution(), notifications: 3) };

        Invariants.Check(twice).Should().BeEmpty("the sender died after publishing, before marking it sent: SNS cannot tell a repeat");
        Invariants.Check(thrice).Should().ContainSingle().Which.Detail.Should().Contain("3 notifications (1 publish(es) unconfirmed)");
        Invariants.Check(twice with { Report = Report(Execution(), notifications: 0) }).Should().ContainSingle().Which.Invariant.Should().Be(Invariants.OneNotification);
    }

    [Fact]
    public void AHappyRunThatFailed_IsReported() =>
        Check(Execution("FAILED", DeploymentStatus.Failed) with { Phases = [] })
            .Should().ContainSingle().Which.Invariant.Should().Be(Invariants.TransientSucceeded);

    [Fact]
    public void AFailingScenarioBlamingTheWrongPhase_IsReported()
    {
        var execution = Execution("FAILED", DeploymentStatus.Failed) with { Phases = [] };
        execution = execution with { Record = execution.Record! with { FailedPhase = PhaseNames.Verify } };

        Check(execution, Plan("db-scripts-fail")).Should().ContainSingle().Which.Detail.Should().Contain("should fail at RunDatabaseScripts");
    }

    [Fact]
    public void AnAcceptedCancelThatDidNotStopTheRun_IsReported() =>
        Check(Execution(), cancelAccepted: true).Should().ContainSingle().Which.Invariant.Should().Be(Invariants.TransientSucceeded);

    [Fact]
    public void TheSummary_PrintsTheSeedOfABrokenRunAndHowToReplayIt()
    {
        var broken = new ChaosRunResult(4242, Plan(), "SUCCEEDED", new Dictionary<string, int> { [FaultKinds.Crash] = 1 }, [new Violation(Invariants.OneNotification, "2 notifications")], TimeSpan.FromSeconds(3));
        var fine = broken with { Seed = 4243, Violations = [] };
        using var output = new StringWriter();

        ChaosRunner.WriteSummary(output, new ChaosSummary(4242, [broken, fine], TimeSpan.FromSeconds(6)));

        var text = output.ToString();
        text.Should().Contain("2 runs, seeds 4242..4243, 1 violation(s) in 1 run(s)");
        text.Should().Contain("chaos violation: seed 4242 (happy): exactly one notification -- replay: simulate --chaos --seed 4242 --runs 1");
        text.Should().NotContain("seed 4243 (");
    }
}

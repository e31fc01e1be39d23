using System.Text;
using System.Text.Json;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Functions.Events;
using Wso2Serverless.Functions.Tests.Fakes;

namespace Wso2Serverless.Functions.Tests.Events;

public class ExecutionStatusHandlerTests
{
    private const string DeploymentId = "dev-20261128-0900";
    private readonly FakeWorld _world = new();
    private readonly RecordingLog _log = new();
    private readonly ExecutionStatusHandler _handler;
    private readonly DateTimeOffset _start;
    private string _executionArn = "";

    public ExecutionStatusHandlerTests()
    {
        _handler = ExecutionStatusHandler.Create(_world.Services);
        _start = _world.Clock.UtcNow;
    }

    /// <summary>A run that got as far as the Puppet Master wait: record Running, lock held, phase running.</summary>
    private async Task StartRun(DeploymentStatus status = DeploymentStatus.Running, bool createStackStillRunning = false)
    {
        var started = await _world.Workflow.StartExecutionAsync(_world.Settings.StateMachineArn, DeploymentId, "{}", TestContext.Current.CancellationToken);
        _executionArn = started.ExecutionArn;
        await _world.Deployments.CreateAsync(new DeploymentRecord
        {
            DeploymentId = DeploymentId,
            Environment = "dev",
            StackName = "wso2-dev",
            Status = status,
            StartedAt = _start,
            ExecutionArn = _executionArn,
        }, TestContext.Current.CancellationToken);
        (await _world.Locks.AcquireAsync("dev", DeploymentId, _start, TimeSpan.FromHours(3), TestContext.Current.CancellationToken)).Acquired.Should().BeTrue();
        await _world.Deployments.PutPhaseAsync(new PhaseRecord { DeploymentId = DeploymentId, Phase = PhaseNames.Accept, Status = PhaseStatus.Succeeded, StartedAt = _start, EndedAt = _start.AddSeconds(2) }, TestContext.Current.CancellationToken);
        await _world.Deployments.PutPhaseAsync(createStackStillRunning
            ? new PhaseRecord { DeploymentId = DeploymentId, Phase = PhaseNames.CreateStack, Status = PhaseStatus.Running, StartedAt = _start.AddSeconds(2) }
            : new PhaseRecord { DeploymentId = DeploymentId, Phase = PhaseNames.CreateStack, Status = PhaseStatus.Succeeded, StartedAt = _start.AddSeconds(2), EndedAt = _start.AddMinutes(12) }, TestContext.Current.CancellationToken);
        await _world.Deployments.PutPhaseAsync(new PhaseRecord { DeploymentId = DeploymentId, Phase = PhaseNames.AwaitPuppetMaster, Status = PhaseStatus.Running, StartedAt = _start.AddMinutes(12) }, TestContext.Current.CancellationToken);
        _world.Clock.Advance(TimeSpan.FromMinutes(20));
    }

    private Task<ExecutionStatusResult> Handle(string status, string? error = null, string? cause = null, string input = "{}") =>
        _handler.HandleAsync(EventPayloads.Execution(_executionArn, DeploymentId, status, _start, _world.Clock.UtcNow, error, cause, input), _log, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Aborted_MidRun_ClosesRecordFailsPhaseReleasesLockAndNotifies()
    {
        await StartRun();
        await _world.Workflow.StopExecutionAsync(_executionArn, "Operator", "stopped from the console", TestContext.Current.CancellationToken);

        var result = await Handle("ABORTED");

        result.Action.Should().Be(ExecutionStatusResult.Closed);
        var record = _world.Deployments.Record(DeploymentId)!;
        record.Status.Should().Be(DeploymentStatus.Aborted);
        record.FailedPhase.Should().Be(PhaseNames.AwaitPuppetMaster);
        record.Reason.Should().Be("Execution aborted: Operator: stopped from the console");
        record.EndedAt.Should().Be(_world.Clock.UtcNow);
        var phase = _world.Deployments.Phase(DeploymentId, PhaseNames.AwaitPuppetMaster)!;
        phase.Status.Should().Be(PhaseStatus.Failed);
        phase.EndedAt.Should().Be(_world.Clock.UtcNow);
        _world.Locks.Holder("dev").Should().BeNull();

        var published = _world.Notifier.Published.Should().ContainSingle().Subject;
        published.TopicArn.Should().Be(_world.Settings.TopicArn);
        published.Subject.Should().Be("WSO2 dev: deployment ABORTED in AwaitPuppetMaster (dev-20261128-0900)");
        published.Message.Should().Contain("Execution aborted").And.Contain("CreateStack").And.Contain("https://api.example.test/prod/deployments/dev-20261128-0900");
    }

    [Fact]
    public async Task Aborted_DuringStackCreation_BlamesCreateStackNotAPhaseAnEarlySignalOpened()
    {
        // CreateStack still waiting while a later phase is Running too (as an early signal left it
        // before signals were held for their phase): the earliest Running phase is the one blamed.
        await StartRun(createStackStillRunning: true);
        await _world.Workflow.StopExecutionAsync(_executionArn, "Operator", "stopped from the console", TestContext.Current.CancellationToken);

        await Handle("ABORTED");

        _world.Deployments.Record(DeploymentId)!.FailedPhase.Should().Be(PhaseNames.CreateStack);
        _world.Deployments.Phase(DeploymentId, PhaseNames.CreateStack)!.Status.Should().Be(PhaseStatus.Failed);
        _world.Deployments.Phase(DeploymentId, PhaseNames.AwaitPuppetMaster)!.Status.Should().Be(PhaseStatus.Skipped);
    }

    [Fact]
    public async Task Aborted_EmitsDeploymentAndPhaseMetrics()
    {
        await StartRun();

        await Handle("ABORTED");

        _log.RawLines.Should().HaveCount(2);
        using var phase = JsonDocument.Parse(_log.RawLines[0]);
        phase.RootElement.GetProperty("Phase").GetString().Should().Be(PhaseNames.AwaitPuppetMaster);
        phase.RootElement.GetProperty("PhaseFailed").GetInt32().Should().Be(1);
        using var deployment = JsonDocument.Parse(_log.RawLines[1]);
        deployment.RootElement.GetProperty("Outcome").GetString().Should().Be("Aborted");
        deployment.RootElement.GetProperty("DeploymentDuration").GetInt64().Should().Be((long)TimeSpan.FromMinutes(20).TotalMilliseconds);
    }

    [Fact]
    public async Task TimedOut_TakesReasonFromTheEvent()
    {
        await StartRun();

        var result = await Handle("TIMED_OUT", "States.Timeout", "The execution exceeded its TimeoutSeconds.");

        result.Action.Should().Be(ExecutionStatusResult.Closed);
        var record = _world.Deployments.Record(DeploymentId)!;
        record.Status.Should().Be(DeploymentStatus.TimedOut);
        record.Reason.Should().Be("Execution timed out (state machine timeout): States.Timeout: The execution exceeded its TimeoutSeconds.");
        _world.Workflow.Faults.Calls("DescribeExecution").Should().Be(0);
        _world.Notifier.Published.Should().ContainSingle().Which.Subject.Should().Contain("TIMED OUT");
    }

    [Fact]
    public async Task Failed_OutsideACatch_ClosesAsFailed()
    {
        await StartRun();

        await Handle("FAILED", "States.Runtime", "An error occurred while executing the state 'Verify'.");

        _world.Deployments.Record(DeploymentId)!.Status.Should().Be(DeploymentStatus.Failed);
        _world.Locks.Holder("dev").Should().BeNull();
    }

    [Fact]
    public async Task AlreadyClosedByCatch_DoesNotNotifyAgain()
    {
        await StartRun();
        await _world.Deployments.CloseAsync(DeploymentId, DeploymentStatus.Failed, PhaseNames.AwaitPuppetMaster, "Puppet Master failed", _world.Clock.UtcNow, TestContext.Current.CancellationToken);
        await _world.Locks.ReleaseAsync("dev", DeploymentId, TestContext.Current.CancellationToken);

        var result = await Handle("FAILED", "Wso2.PuppetMasterFailed", "x");

        result.Action.Should().Be(ExecutionStatusResult.AlreadyClosed);
        _world.Notifier.Published.Should().BeEmpty();
        _world.Deployments.Record(DeploymentId)!.Reason.Should().Be("Puppet Master failed");
    }

    [Fact]
    public async Task SameAbortDeliveredTwice_NotifiesOnce()
    {
        await StartRun();

        var first = await Handle("ABORTED");
        var second = await Handle("ABORTED");

        first.Action.Should().Be(ExecutionStatusResult.Closed);
        second.Action.Should().Be(ExecutionStatusResult.AlreadyClosed);
        _world.Notifier.Published.Should().ContainSingle();
    }

    [Fact]
    public async Task CancelledThroughApi_ReleasesTheLockAndClosesThePhaseItWasIn()
    {
        // Found by simulate --chaos (seed 6): the API closes the record before it stops the
        // execution, so the ABORTED event finds it closed; the phase the run was in stayed Running.
        await StartRun(DeploymentStatus.Cancelled);

        var result = await Handle("ABORTED", "Wso2.Cancelled", "cancelled by alice");

        result.Action.Should().Be(ExecutionStatusResult.AlreadyClosed);
        _world.Locks.Holder("dev").Should().BeNull();
        _world.Deployments.Record(DeploymentId)!.Status.Should().Be(DeploymentStatus.Cancelled);
        _world.Notifier.Published.Should().BeEmpty();
        var phase = _world.Deployments.Phase(DeploymentId, PhaseNames.AwaitPuppetMaster)!;
        phase.Status.Should().Be(PhaseStatus.Failed);
        phase.EndedAt.Should().Be(_world.Clock.UtcNow);
        _world.Deployments.Phase(DeploymentId, PhaseNames.CreateStack)!.Status.Should().Be(PhaseStatus.Succeeded);
    }

    [Fact]
    public async Task LockTakenByTheNextRun_IsNotReleased()
    {
        await StartRun(DeploymentStatus.Failed);
        await _world.Locks.ReleaseAsync("dev", DeploymentId, TestContext.Current.CancellationToken);
        await _world.Locks.AcquireAsync("dev", "dev-next", _world.Clock.UtcNow, TimeSpan.FromHours(3), TestContext.Current.CancellationToken);

        await Handle("ABORTED");

        _world.Locks.Holder("dev")!.DeploymentId.Should().Be("dev-next");
    }

    [Theory]
    [InlineData("SUCCEEDED")]
    [InlineData("RUNNING")]
    public async Task SucceededOrRunning_DoesNothing(string status)
    {
        await StartRun();

        var result = await Handle(status);

        result.Action.Should().Be(ExecutionStatusResult.Ignored);
        _world.Deployments.Record(DeploymentId)!.Status.Should().Be(DeploymentStatus.Running);
        _world.Locks.Holder("dev").Should().NotBeNull();
        _world.Notifier.Published.Should().BeEmpty();
    }

    [Fact]
    public async Task UnknownExecution_IsIgnored()
    {
        _executionArn = _world.Settings.TeardownStateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":teardown-1";

        var result = await _handler.HandleAsync(EventPayloads.Execution(_executionArn, "teardown-1", "ABORTED", _start, _start), _log, TestContext.Current.CancellationToken);

        result.Action.Should().Be(ExecutionStatusResult.Ignored);
        _world.Notifier.Published.Should().BeEmpty();
    }

    [Fact]
    public async Task TopicInTheExecutionInput_OverridesTheDefault()
    {
        await StartRun();

        await Handle("ABORTED", input: "{\"deployment\":{\"notification\":{\"topicArn\":\"arn:aws:sns:us-east-1:123456789012:dev-team\"}}}");

        _world.Notifier.Published.Should().ContainSingle().Which.TopicArn.Should().Be("arn:aws:sns:us-east-1:123456789012:dev-team");
    }

    [Theory]
    [InlineData("{\"notification\":{\"topicArn\":\"arn:t\"}}", "arn:t")]
    [InlineData("{\"Notification\":{\"TopicArn\":\"arn:t\"}}", "arn:t")]
    [InlineData("{\"notification\":{\"topicArn\":\"\"}}", null)]
    [InlineData("{\"notification\":42}", null)]
    [InlineData("not json", null)]
    [InlineData(null, null)]
    public void TopicOverride_ReadsLeniently(string? input, string? topic) =>
        ExecutionStatusHandler.TopicOverride(input).Should().Be(topic);

    [Fact]
    public async Task NotAnExecutionEvent_IsDropped()
    {
        var result = await _handler.HandleAsync(Encoding.UTF8.GetBytes("{\"source\":\"aws.ssm\"}"), _log, TestContext.Current.CancellationToken);

        result.Action.Should().Be(ExecutionStatusResult.Dropped);
        _log.Lines.Should().ContainSingle().Which.Level.Should().Be("warn");
    }
}

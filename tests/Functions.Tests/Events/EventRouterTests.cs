using System.Text;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Outcomes;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Signals;
using Wso2Serverless.Domain.Workflow;
using Wso2Serverless.Functions.Callbacks;
using Wso2Serverless.Functions.Events;
using Wso2Serverless.Functions.Tasks;
using Wso2Serverless.Functions.Tests.Fakes;

namespace Wso2Serverless.Functions.Tests.Events;

public class EventRouterTests
{
    private const string DeploymentId = "dev-20261128-0900";
    private readonly FakeWorld _world = new();
    private readonly RecordingLog _log = new();
    private readonly EventRouter _router;
    private readonly TaskCompleter _completer;

    public EventRouterTests()
    {
        _router = EventRouter.Create(_world.Services);
        _completer = new TaskCompleter(_world.Tokens, _world.Workflow, _world.Clock);
        _world.Deployments.CreateAsync(new DeploymentRecord
        {
            DeploymentId = DeploymentId,
            Environment = "dev",
            StackName = "wso2-dev",
            Status = DeploymentStatus.Running,
            StartedAt = _world.Clock.UtcNow,
        }, TestContext.Current.CancellationToken).GetAwaiter().GetResult();
    }

    private Task<RouteResult> Route(byte[] payload) => _router.RouteAsync(payload, _log, TestContext.Current.CancellationToken);

    private async Task<PendingToken> WaitOn(string key, string phase, string token = "task-token-1")
    {
        await _world.Deployments.PutPhaseAsync(new PhaseRecord
        {
            DeploymentId = DeploymentId, Phase = phase, Status = PhaseStatus.Running, StartedAt = _world.Clock.UtcNow,
        }, TestContext.Current.CancellationToken);
        var pending = new PendingToken(token, DeploymentId, phase, _world.Clock.UtcNow);
        (await _completer.RegisterAsync(key, pending, TestContext.Current.CancellationToken)).Delivered.Should().BeFalse("nothing happened yet");
        return pending;
    }

    private async Task<string> CreateStack()
    {
        return await _world.Stacks.CreateStackAsync(new CreateStackInput
        {
            StackName = "wso2-dev",
            Parameters = new Dictionary<string, string>(),
            Tags = new Dictionary<string, string> { [ResourceTags.DeploymentId] = DeploymentId, [ResourceTags.Environment] = "dev" },
            ClientRequestToken = "token-1",
        }, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Stack_TokenBeforeEvent_CompletesTaskWithSuccess()
    {
        var stackId = await CreateStack();
        await WaitOn(CorrelationKeys.Stack(stackId), PhaseNames.CreateStack);
        _world.Stacks.CompleteCreate(stackId);

        var result = await Route(EventPayloads.Stack(stackId, "CREATE_COMPLETE"));

        result.Action.Should().Be(RouteResult.Completed);
        var callback = _world.Workflow.Callbacks.Should().ContainSingle().Subject;
        callback.Succeeded.Should().BeTrue();
        callback.OutputJson.Should().Contain(stackId);
        _world.Deployments.Phase(DeploymentId, PhaseNames.CreateStack)!.Detail[DetailKeys.StackStatus].Should().Be("CREATE_COMPLETE");
        _log.DeploymentId.Should().Be(DeploymentId);
    }

    [Fact]
    public async Task Stack_RollbackAfterCascades_FailsNamingTheFirstFailingResource()
    {
        var stackId = await CreateStack();
        await WaitOn(CorrelationKeys.Stack(stackId), PhaseNames.CreateStack);
        var stack = _world.Stacks.Stacks.Single();
        _world.Stacks.FailCreate(stackId, "WSO2DBInstance", "AWS::RDS::DBInstance", "DB subnet group doesn't meet availability zone coverage requirement");
        _world.Stacks.AddEvent(stack, "ApimNode", "AWS::EC2::Instance", "CREATE_FAILED", "Resource creation cancelled");

        var result = await Route(EventPayloads.Stack(stackId, "ROLLBACK_COMPLETE"));

        result.Action.Should().Be(RouteResult.Completed);
        var callback = _world.Workflow.Callbacks.Should().ContainSingle().Subject;
        callback.Succeeded.Should().BeFalse();
        callback.Error.Should().Be(WorkflowErrors.StackFailed);
        callback.Cause.Should().Contain("WSO2DBInstance").And.Contain("availability zone coverage");
        var detail = _world.Deployments.Phase(DeploymentId, PhaseNames.CreateStack)!.Detail;
        detail[DetailKeys.FailedResource].Should().Be("WSO2DBInstance");
        detail[DetailKeys.StackStatus].Should().Be("ROLLBACK_COMPLETE");
    }

    [Fact]
    public async Task Stack_EventBeforeToken_RecordsOutcomeAndRegisterCompletes()
    {
        var stackId = await CreateStack();
        _world.Stacks.CompleteCreate(stackId);

        var early = await Route(EventPayloads.Stack(stackId, "CREATE_COMPLETE"));

        early.Action.Should().Be(RouteResult.Recorded);
        _world.Workflow.Callbacks.Should().BeEmpty();

        var delivered = await _completer.RegisterAsync(CorrelationKeys.Stack(stackId), new PendingToken("late-token", DeploymentId, PhaseNames.CreateStack, _world.Clock.UtcNow), TestContext.Current.CancellationToken);

        delivered.Delivered.Should().BeTrue();
        _world.Workflow.Callbacks.Should().ContainSingle().Which.Should().Match<TaskCallback>(c => c.TaskToken == "late-token" && c.Succeeded);
    }

    [Fact]
    public async Task Stack_EventBeforeToken_StillRecordsDetailOnTheTaggedDeployment()
    {
        var stackId = await CreateStack();
        await _world.Deployments.PutPhaseAsync(new PhaseRecord
        {
            DeploymentId = DeploymentId, Phase = PhaseNames.CreateStack, Status = PhaseStatus.Running, StartedAt = _world.Clock.UtcNow,
        }, TestContext.Current.CancellationToken);
        _world.Stacks.FailCreate(stackId, "ApimNode", "AWS::EC2::Instance", "The image id '[ami-0bad]' does not exist");

        await Route(EventPayloads.Stack(stackId, "ROLLBACK_COMPLETE"));

        _world.Deployments.Phase(DeploymentId, PhaseNames.CreateStack)!.Detail[DetailKeys.FailedResource].Should().Be("ApimNode");
    }

    [Fact]
    public async Task Stack_SameEventTwice_SendsOneCallback()
    {
        var stackId = await CreateStack();
        await WaitOn(CorrelationKeys.Stack(stackId), PhaseNames.CreateStack);
        _world.Stacks.CompleteCreate(stackId);
        var payload = EventPayloads.Stack(stackId, "CREATE_COMPLETE");

        var first = await Route(payload);
        var second = await Route(payload);

        first.Action.Should().Be(RouteResult.Completed);
        second.Action.Should().Be(RouteResult.Duplicate);
        _world.Workflow.Callbacks.Should().ContainSingle();
        // No claim: the duplicate's send is refused by Step Functions (TaskTimedOut), which is
        // what keeps a callback whose send failed deliverable by a redelivery.
        _world.Workflow.Faults.Calls("SendTaskSuccess").Should().Be(2);
    }

    [Fact]
    public async Task Stack_InProgress_HeartbeatsWithoutCompleting()
    {
        var stackId = await CreateStack();
        var token = await WaitOn(CorrelationKeys.Stack(stackId), PhaseNames.CreateStack);

        var result = await Route(EventPayloads.Stack(stackId, "CREATE_IN_PROGRESS", "User Initiated"));

        result.Action.Should().Be(RouteResult.Progress);
        _world.Workflow.Heartbeats.Should().Equal(token.TaskToken);
        _world.Workflow.Callbacks.Should().BeEmpty();
        _world.Tokens.Outcome(CorrelationKeys.Stack(stackId)).Should().BeNull();
        _world.Stacks.Faults.Calls("DescribeStackEvents").Should().Be(0);
    }

    [Fact]
    public async Task Stack_RemoveOldWait_SucceedsOnDeleteComplete()
    {
        var old = _world.Stacks.Seed("wso2-dev-old", "CREATE_COMPLETE");
        await WaitOn(CorrelationKeys.Stack(old.StackId), PhaseNames.RemoveOld);
        await _world.Stacks.DeleteStackAsync(old.StackId, "delete-1", TestContext.Current.CancellationToken);
        _world.Stacks.CompleteDelete(old.StackId);

        var result = await Route(EventPayloads.Stack(old.StackId, "DELETE_COMPLETE"));

        result.Action.Should().Be(RouteResult.Completed);
        _world.Workflow.Callbacks.Should().ContainSingle().Which.Succeeded.Should().BeTrue();
    }

    private async Task<string> SendAgentCommand(params string[] instances)
    {
        foreach (var id in instances)
        {
            _world.Commands.AddInstance(id, new Dictionary<string, string> { [ResourceTags.Role] = AgentRoles.ApiManager });
        }

        return await _world.Commands.SendCommandAsync(new SendCommandInput
        {
            DocumentName = "wso2-run-puppet-agent",
            TargetTags = new Dictionary<string, string> { [ResourceTags.Role] = AgentRoles.ApiManager },
            Comment = CommandComments.For(DeploymentId, PhaseNames.Agent(AgentRoles.ApiManager), 1),
        }, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Command_PuppetFailure_FailsNamingInstanceRoleAndError()
    {
        var commandId = await SendAgentCommand("i-0aaa", "i-0bbb");
        await WaitOn(CorrelationKeys.Command(commandId), PhaseNames.Agent(AgentRoles.ApiManager));
        _world.Commands.Finish(commandId, exitCodes: new Dictionary<string, int> { ["i-0aaa"] = 0, ["i-0bbb"] = 4 },
            output: "Notice: Compiled catalog\nError: /Stage[main]/Apim/Service[wso2am]: Failed to call refresh: Systemd start for wso2am failed!\n");

        var result = await Route(EventPayloads.Command(commandId, "Failed"));

        result.Action.Should().Be(RouteResult.Completed);
        var callback = _world.Workflow.Callbacks.Should().ContainSingle().Subject;
        callback.Error.Should().Be(WorkflowErrors.CommandFailed);
        callback.Cause.Should().Be("Instance i-0bbb (role apim) exited 4 (some resources failed): Error: /Stage[main]/Apim/Service[wso2am]: Failed to call refresh: Systemd start for wso2am failed!");
        var phase = _world.Deployments.Phase(DeploymentId, PhaseNames.Agent(AgentRoles.ApiManager))!;
        phase.Instances.Select(i => (i.InstanceId, i.ExitCode)).Should().BeEquivalentTo(new[] { ("i-0aaa", (int?)0), ("i-0bbb", (int?)4) });
        phase.Instances.Single(i => i.InstanceId == "i-0bbb").OutputTail.Should().StartWith("Notice: Compiled catalog");
        phase.Instances.Select(i => i.ReportedAt).Should().AllBeEquivalentTo(_world.Clock.UtcNow, "a node's result carries when it was recorded");
        phase.Detail[DetailKeys.FailedInstance].Should().Be("i-0bbb");
    }

    [Fact]
    public async Task Command_UnmappedExitCodeTwo_Succeeds()
    {
        var commandId = await SendAgentCommand("i-0aaa");
        await WaitOn(CorrelationKeys.Command(commandId), PhaseNames.Agent(AgentRoles.ApiManager));
        _world.Commands.Finish(commandId, defaultExitCode: 2, output: "Notice: Applied catalog in 31.02 seconds");

        var result = await Route(EventPayloads.Command(commandId, "Failed"));

        result.Action.Should().Be(RouteResult.Completed);
        _world.Workflow.Callbacks.Should().ContainSingle().Which.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Command_InProgress_HeartbeatsOnly()
    {
        var commandId = await SendAgentCommand("i-0aaa");
        var token = await WaitOn(CorrelationKeys.Command(commandId), PhaseNames.RunDatabaseScripts);

        var result = await Route(EventPayloads.Command(commandId, "InProgress"));

        result.Action.Should().Be(RouteResult.Progress);
        _world.Workflow.Heartbeats.Should().Equal(token.TaskToken);
        _world.Commands.Faults.Calls("GetCommand").Should().Be(0);
    }

    [Fact]
    public async Task Invocation_Progress_RecordsSubStepAndHeartbeats()
    {
        var commandId = await SendAgentCommand("i-0aaa");
        var token = await WaitOn(CorrelationKeys.Command(commandId), PhaseNames.Agent(AgentRoles.ApiManager));

        var result = await Route(EventPayloads.Invocation(commandId, "i-0aaa", "InProgress"));

        result.Action.Should().Be(RouteResult.Progress);
        _world.Workflow.Heartbeats.Should().Equal(token.TaskToken);
        _world.Deployments.Phase(DeploymentId, PhaseNames.Agent(AgentRoles.ApiManager))!.SubSteps
            .Should().ContainSingle().Which.Should().Match<SubStep>(s => s.Name == "instance i-0aaa" && s.Status == "InProgress");
    }

    [Fact]
    public async Task Invocation_BeforeToken_IsIgnored()
    {
        var result = await Route(EventPayloads.Invocation("cmd-unknown", "i-0aaa", "InProgress"));

        result.Action.Should().Be(RouteResult.Ignored);
        _world.Workflow.Heartbeats.Should().BeEmpty();
    }

    [Fact]
    public async Task Signal_Progress_AddsSubStepAndHeartbeats()
    {
        var token = await WaitOn(CorrelationKeys.PuppetMaster("dev", DeploymentId), PhaseNames.AwaitPuppetMaster);

        var result = await Route(EventPayloads.Signal(DeploymentId, "modules", PuppetMasterSignal.Progress, "Puppet modules installed"));

        result.Action.Should().Be(RouteResult.Progress);
        _world.Workflow.Heartbeats.Should().Equal(token.TaskToken);
        _world.Workflow.Callbacks.Should().BeEmpty();
        _world.Deployments.Phase(DeploymentId, PhaseNames.AwaitPuppetMaster)!.SubSteps.Should().ContainSingle()
            .Which.Should().Be(new SubStep("modules", PuppetMasterSignal.Progress, _world.Clock.UtcNow, "Puppet modules installed"));
    }

    [Fact]
    public async Task Signal_ProgressDeliveredTwice_IsOneSubStep()
    {
        await WaitOn(CorrelationKeys.PuppetMaster("dev", DeploymentId), PhaseNames.AwaitPuppetMaster);
        var payload = EventPayloads.Signal(DeploymentId, "modules", PuppetMasterSignal.Progress, "installed");

        await Route(payload);
        _world.Clock.Advance(TimeSpan.FromSeconds(3));
        await Route(payload);

        _world.Deployments.Phase(DeploymentId, PhaseNames.AwaitPuppetMaster)!.SubSteps.Should().ContainSingle();
    }

    [Fact]
    public async Task Signal_ProgressBeforeThePhaseStarted_DoesNotOpenThePhase()
    {
        // On AWS the Puppet Master signals while its stack is still being created: an event must
        // not open AwaitPuppetMaster (a rollback would then blame it and leave CreateStack Running).
        var result = await Route(EventPayloads.Signal(DeploymentId, "packages", PuppetMasterSignal.Progress));

        result.Action.Should().Be(RouteResult.Progress);
        _world.Deployments.Phase(DeploymentId, PhaseNames.AwaitPuppetMaster).Should().BeNull();
        _world.Workflow.Heartbeats.Should().BeEmpty();
    }

    [Fact]
    public async Task Signal_Ready_CompletesWithSuccess()
    {
        await WaitOn(CorrelationKeys.PuppetMaster("dev", DeploymentId), PhaseNames.AwaitPuppetMaster);

        var result = await Route(EventPayloads.Signal(DeploymentId, "ready", PuppetMasterSignal.Ready));

        result.Action.Should().Be(RouteResult.Completed);
        _world.Workflow.Callbacks.Should().ContainSingle().Which.Succeeded.Should().BeTrue();
        _world.Deployments.Phase(DeploymentId, PhaseNames.AwaitPuppetMaster)!.Detail[DetailKeys.SignalStatus].Should().Be(PuppetMasterSignal.Ready);
    }

    [Fact]
    public async Task Signal_Failed_FailsWithStageAndMessage()
    {
        await WaitOn(CorrelationKeys.PuppetMaster("dev", DeploymentId), PhaseNames.AwaitPuppetMaster);

        await Route(EventPayloads.Signal(DeploymentId, "puppetserver", PuppetMasterSignal.Failed, "puppetserver did not start"));

        var callback = _world.Workflow.Callbacks.Should().ContainSingle().Subject;
        callback.Error.Should().Be(WorkflowErrors.PuppetMasterFailed);
        callback.Cause.Should().Be("Puppet Master failed at stage 'puppetserver': puppetserver did not start");
    }

    [Fact]
    public async Task Signal_ReadyThenFailed_FirstFinalWins()
    {
        await WaitOn(CorrelationKeys.PuppetMaster("dev", DeploymentId), PhaseNames.AwaitPuppetMaster);

        await Route(EventPayloads.Signal(DeploymentId, "ready", PuppetMasterSignal.Ready));
        var late = await Route(EventPayloads.Signal(DeploymentId, "x", PuppetMasterSignal.Failed, "late"));

        late.Action.Should().Be(RouteResult.Duplicate);
        _world.Workflow.Callbacks.Should().ContainSingle().Which.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Signal_UnknownDeployment_IsDroppedWithoutWrites()
    {
        var result = await Route(EventPayloads.Signal("no-such-deployment", "modules", PuppetMasterSignal.Progress));

        result.Action.Should().Be(RouteResult.Dropped);
        _world.Deployments.Phases("no-such-deployment").Should().BeEmpty();
        _world.Tokens.Keys.Should().BeEmpty();
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"source\":\"aws.ec2\",\"detail-type\":\"EC2 Instance State-change Notification\",\"detail\":{}}")]
    [InlineData("{\"source\":\"aws.cloudformation\",\"detail-type\":\"CloudFormation Stack Status Change\",\"detail\":{\"status-details\":{\"status\":\"CREATE_COMPLETE\"}}}")]
    public async Task BadEvent_IsLoggedWithReasonAndDropped(string payload)
    {
        var result = await Route(Encoding.UTF8.GetBytes(payload));

        result.Action.Should().Be(RouteResult.Dropped);
        result.Detail.Should().NotBeNullOrEmpty();
        var line = _log.Lines.Should().ContainSingle().Subject;
        line.Level.Should().Be("warn");
        line.Fields["detail"].Should().Be(result.Detail);
        _world.Tokens.Keys.Should().BeEmpty();
        _world.Workflow.Callbacks.Should().BeEmpty();
    }

    [Fact]
    public async Task StackServiceThrottled_Throws_SoEventBridgeRetries()
    {
        var stackId = await CreateStack();
        await WaitOn(CorrelationKeys.Stack(stackId), PhaseNames.CreateStack);
        _world.Stacks.FailCreate(stackId, "ApimNode", "AWS::EC2::Instance", "capacity");
        _world.Stacks.Faults.Throttle("DescribeStackEvents");

        var act = () => Route(EventPayloads.Stack(stackId, "ROLLBACK_COMPLETE"));

        await act.Should().ThrowAsync<FakeAwsException>();
        _world.Workflow.Callbacks.Should().BeEmpty();
        (await Route(EventPayloads.Stack(stackId, "ROLLBACK_COMPLETE"))).Action.Should().Be(RouteResult.Completed);
    }

    [Fact]
    public async Task Callback_WhenSendTaskSuccessIsThrottled_TheRedeliveredEventCompletesTheWait()
    {
        // #13 defect 1: a claim taken before the send made every redelivery look like a duplicate.
        var stackId = await CreateStack();
        await WaitOn(CorrelationKeys.Stack(stackId), PhaseNames.CreateStack);
        _world.Stacks.CompleteCreate(stackId);
        _world.Workflow.Faults.Throttle("SendTaskSuccess");
        var payload = EventPayloads.Stack(stackId, "CREATE_COMPLETE");

        var first = () => Route(payload);
        await first.Should().ThrowAsync<FakeAwsException>("the event must fail so that Lambda retries it");
        var redelivered = await Route(payload);

        redelivered.Action.Should().Be(RouteResult.Completed);
        _world.Workflow.Callbacks.Should().ContainSingle().Which.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Command_DatabaseScriptsExitTwo_FailsTheWait()
    {
        // #13 defect 12: exit 2 is Puppet's "changes applied"; the database document is no Puppet run.
        _world.Commands.AddInstance("i-0pm", new Dictionary<string, string> { [ResourceTags.Role] = AgentRoles.PuppetMaster });
        var commandId = await _world.Commands.SendCommandAsync(new SendCommandInput
        {
            DocumentName = _world.Settings.DatabaseDocumentName,
            TargetTags = new Dictionary<string, string> { [ResourceTags.Role] = AgentRoles.PuppetMaster },
            Comment = $"wso2 {DeploymentId} RunDatabaseScripts #1",
        }, TestContext.Current.CancellationToken);
        await WaitOn(CorrelationKeys.Command(commandId), PhaseNames.RunDatabaseScripts);
        _world.Commands.Finish(commandId, defaultExitCode: 2, output: "FAILED: database scripts, stage connect: psql exited 2");

        var result = await Route(EventPayloads.Command(commandId, "Failed", _world.Settings.DatabaseDocumentName));

        result.Action.Should().Be(RouteResult.Completed);
        var callback = _world.Workflow.Callbacks.Should().ContainSingle().Subject;
        callback.Succeeded.Should().BeFalse();
        callback.Error.Should().Be(WorkflowErrors.CommandFailed);
        callback.Cause.Should().Contain("exited 2");
    }

    [Fact]
    public async Task Command_WhenTheTaskClosesThePhaseMeanwhile_TheEventDoesNotReopenIt()
    {
        // #13 defect 3: the router read the phase Running, the task closed it, the router wrote it back Running.
        var commandId = await SendAgentCommand("i-0aaa");
        var phase = PhaseNames.Agent(AgentRoles.ApiManager);
        await WaitOn(CorrelationKeys.Command(commandId), phase);
        _world.Commands.Finish(commandId);
        var racing = new ClosingDeploymentStore(_world.Deployments, DeploymentId, phase, _world.Clock.UtcNow);
        var router = EventRouter.Create(_world.Services with { Deployments = racing });

        await router.RouteAsync(EventPayloads.Command(commandId, "Success"), _log, TestContext.Current.CancellationToken);

        racing.Closed.Should().BeTrue("the race was played");
        _world.Deployments.Phase(DeploymentId, phase)!.Status.Should().Be(PhaseStatus.Succeeded);
    }

    [Theory]
    [InlineData("RunPuppetAgents:apim", "apim")]
    [InlineData("RunPuppetAgents:mi", "mi")]
    [InlineData("RunDatabaseScripts", "puppetmaster")]
    [InlineData("CreateStack", null)]
    [InlineData(null, null)]
    public void RoleOf_Phase_NamesTheRole(string? phase, string? role) => EventRouter.RoleOf(phase).Should().Be(role);
}

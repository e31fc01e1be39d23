using System.Text.Json;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Signals;
using Wso2Serverless.Domain.Workflow;
using Wso2Serverless.Functions.Events;
using Wso2Serverless.Functions.Tasks;
using Wso2Serverless.Functions.Tests.Events;
using Wso2Serverless.Functions.Tests.Fakes;
using Wso2Serverless.Functions.Tests.Workflow;

namespace Wso2Serverless.Functions.Tests.Tasks;

public sealed class RecordFailureFunctionTests
{
    private readonly FakeWorld _world = new();

    [Fact]
    public async Task RecordFailure_BlamesThePhaseTheCatchNamed_NotAPhaseAnEarlySignalOpened()
    {
        var d = await AcceptedAsync();
        await StartAsync(d, PhaseNames.CreateStack);
        // On AWS the Puppet Master boots and signals while its stack is still being created.
        _world.Clock.Advance(TimeSpan.FromMinutes(5));
        await EventRouter.Create(_world.Services).RouteAsync(EventPayloads.Signal(d.DeploymentId, "serving", PuppetMasterSignal.Ready), new RecordingLog(), default);

        var result = await RecordAsync(d, PhaseNames.CreateStack, WorkflowErrors.StackFailed, "ApimNode1 CREATE_FAILED: capacity");

        var record = _world.Deployments.Record(d.DeploymentId)!;
        record.FailedPhase.Should().Be(PhaseNames.CreateStack);
        result.Cause.Should().Contain("ApimNode1");
        var create = _world.Deployments.Phase(d.DeploymentId, PhaseNames.CreateStack)!;
        create.Status.Should().Be(PhaseStatus.Failed);
        create.Error.Should().Contain("ApimNode1");
        _world.Deployments.Phase(d.DeploymentId, PhaseNames.AwaitPuppetMaster).Should().BeNull("an early signal is held for the phase's task, never opens the phase");
        _world.Deployments.Phases(d.DeploymentId).Should().NotContain(p => p.Status == PhaseStatus.Running);
    }

    [Fact]
    public async Task RecordFailure_ClosesEarlierRunningPhasesAsSucceeded()
    {
        var d = await AcceptedAsync();
        await StartAsync(d, PhaseNames.CreateStack);
        await StartAsync(d, PhaseNames.AwaitPuppetMaster);

        await RecordAsync(d, PhaseNames.AwaitPuppetMaster, WorkflowErrors.PuppetMasterFailed, "stage modules FAILED");

        _world.Deployments.Phase(d.DeploymentId, PhaseNames.CreateStack)!.Status.Should().Be(PhaseStatus.Succeeded, "the workflow only moves on after a wait succeeded");
        _world.Deployments.Phase(d.DeploymentId, PhaseNames.AwaitPuppetMaster)!.Status.Should().Be(PhaseStatus.Failed);
        _world.Deployments.Record(d.DeploymentId)!.FailedPhase.Should().Be(PhaseNames.AwaitPuppetMaster);
    }

    [Fact]
    public async Task RecordFailure_TakesTheAgentRoleFromTheMapsFailure()
    {
        var d = await AcceptedAsync();
        await StartAsync(d, PhaseNames.Agent(AgentRoles.ApiManager));
        // The mi task failed before it wrote its phase (or closed apim's): only the Map's error knows the role.
        var inner = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["Error"] = WorkflowErrors.EnvironmentBusy,
            ["Cause"] = "The lock on environment dev is now held by deployment dep-0002",
            ["phase"] = PhaseNames.Agent(AgentRoles.MicroIntegrator),
        });

        var result = await RecordAsync(d, PhaseNames.RunPuppetAgents, WorkflowErrors.EnvironmentBusy, inner);

        _world.Deployments.Record(d.DeploymentId)!.FailedPhase.Should().Be(PhaseNames.Agent(AgentRoles.MicroIntegrator));
        _world.Deployments.Phase(d.DeploymentId, PhaseNames.Agent(AgentRoles.ApiManager))!.Status.Should().Be(PhaseStatus.Succeeded);
        _world.Deployments.Phase(d.DeploymentId, PhaseNames.Agent(AgentRoles.MicroIntegrator))!.Status.Should().Be(PhaseStatus.Failed);
        result.Error.Should().Be(WorkflowErrors.EnvironmentBusy);
        result.Cause.Should().Be("The lock on environment dev is now held by deployment dep-0002");
    }

    private async Task<Deployment> AcceptedAsync()
    {
        var accepted = await new AcceptRequestBuilder(_world).Accept(Scenario.DeploymentId);
        return accepted.Deployment!;
    }

    private Task<PhaseRecord> StartAsync(Deployment d, string phase) =>
        new PhaseJournal(_world.Deployments, _world.Clock).StartAsync(d.DeploymentId, phase, null, default);

    private Task<CloseResult> RecordAsync(Deployment d, string phase, string error, string cause) =>
        new RecordFailureFunction(_world.Services).HandleAsync(new RecordFailureRequest
        {
            ExecutionName = d.DeploymentId,
            Deployment = d,
            Phase = phase,
            Error = new TaskError(error, cause),
            DefaultTopicArn = _world.Settings.TopicArn,
        }, TestContext.Current.CancellationToken);
}

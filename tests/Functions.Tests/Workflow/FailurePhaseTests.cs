using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Signals;
using Wso2Serverless.Domain.Workflow;

namespace Wso2Serverless.Functions.Tests.Workflow;

/// <summary>Every failure is recorded against the phase whose Catch caught it, whatever other phase items say.</summary>
public sealed class FailurePhaseTests
{
    [Fact]
    public async Task Run_WhenThePuppetMasterSignalsDuringStackCreationAndTheStackRollsBack_BlamesCreateStack()
    {
        var s = new Scenario();
        s.Driver.OnWait[PhaseNames.CreateStack] = async c =>
        {
            // AWS: the instance boots and signals while CloudFormation still creates other resources.
            await c.Driver.SignalAsync(c.Deployment.DeploymentId, "serving", PuppetMasterSignal.Ready);
            c.World.Stacks.FailCreate(c.StackId, "ApimAutoScalingGroup", "AWS::AutoScaling::AutoScalingGroup", "capacity not available");
        };

        var result = await s.RunAsync();

        result.Error.Should().Be(WorkflowErrors.StackFailed);
        s.Record()!.FailedPhase.Should().Be(PhaseNames.CreateStack);
        s.Phase(PhaseNames.CreateStack)!.Status.Should().Be(PhaseStatus.Failed);
        s.Phase(PhaseNames.AwaitPuppetMaster).Should().BeNull("the early signal is held for the phase's task, which never ran");
        s.World.Notifier.Published.Should().ContainSingle().Which.Subject.Should().Contain(PhaseNames.CreateStack);
    }

    [Fact]
    public async Task Run_WhenTheSecondAgentCannotStart_BlamesThatRoleNotTheOneBeforeIt()
    {
        var s = new Scenario();
        s.Driver.OnWait[PhaseNames.Agent(AgentRoles.ApiManager)] = c =>
        {
            c.World.Commands.Finish(c.CommandId(AgentRoles.ApiManager), 0, "Notice: Applied catalog");
            // Before mi starts, its lease is taken over: its task fails before it writes its phase.
            var holder = c.World.Locks.Holder(Scenario.Environment)!;
            c.World.Locks.Seed(holder with { DeploymentId = "dep-other" });
            return Task.CompletedTask;
        };

        var result = await s.RunAsync();

        result.Error.Should().Be(WorkflowErrors.EnvironmentBusy);
        s.Record()!.FailedPhase.Should().Be(PhaseNames.Agent(AgentRoles.MicroIntegrator));
        s.Phase(PhaseNames.Agent(AgentRoles.ApiManager))!.Status.Should().Be(PhaseStatus.Succeeded);
    }
}

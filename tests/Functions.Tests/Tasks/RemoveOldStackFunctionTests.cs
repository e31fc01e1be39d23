using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Workflow;
using Wso2Serverless.Functions.Tasks;
using Wso2Serverless.Functions.Tests.Fakes;
using Wso2Serverless.Functions.Tests.Workflow;

namespace Wso2Serverless.Functions.Tests.Tasks;

public sealed class RemoveOldStackFunctionTests
{
    private readonly FakeWorld _world = new();

    [Fact]
    public async Task RemoveOld_WhenTheSameNamedStackHasNoEnvironmentTag_RefusesAndNamesStackAndTag()
    {
        var stranger = _world.Stacks.Seed(Scenario.StackName, "CREATE_COMPLETE");

        var result = await RunAsync(operation: null, "token-untagged");

        result.Mode.Should().Be("failed");
        stranger.Status.Should().Be("CREATE_COMPLETE", "a stack the orchestrator cannot prove is the environment's is never deleted");
        var callback = _world.Workflow.CallbackFor("token-untagged")!;
        callback.Succeeded.Should().BeFalse();
        callback.Error.Should().Be(WorkflowErrors.StackFailed);
        callback.Cause.Should().Contain(Scenario.StackName).And.Contain(ResourceTags.Environment);
        var phase = _world.Deployments.Phase(Scenario.DeploymentId, PhaseNames.RemoveOld)!;
        phase.Status.Should().Be(PhaseStatus.Failed);
        phase.Error.Should().Contain(ResourceTags.Environment);
    }

    [Fact]
    public async Task Teardown_WhenTheStackHasNoEnvironmentTag_RefusesToo()
    {
        var stranger = _world.Stacks.Seed(Scenario.StackName, "CREATE_COMPLETE", new Dictionary<string, string> { ["owner"] = "someone" });

        await RunAsync(AcceptFunction.Teardown, "token-teardown");

        stranger.Status.Should().Be("CREATE_COMPLETE");
        _world.Workflow.CallbackFor("token-teardown")!.Cause.Should().Contain(ResourceTags.Environment);
        _world.Deployments.Phase(Scenario.DeploymentId, PhaseNames.Teardown)!.Status.Should().Be(PhaseStatus.Failed);
    }

    [Fact]
    public async Task RemoveOld_WhenTheStackIsTaggedForThisEnvironment_DeletesIt()
    {
        var own = _world.Stacks.Seed(Scenario.StackName, "CREATE_COMPLETE", new Dictionary<string, string> { [ResourceTags.Environment] = Scenario.Environment });

        var result = await RunAsync(operation: null, "token-own");

        result.Mode.Should().Be("started");
        own.Status.Should().Be("DELETE_IN_PROGRESS");
    }

    [Fact]
    public async Task RemoveOld_RetriedAfterItsDeleteStackFailed_RequestsTheDeleteAgain()
    {
        // Found by simulate --chaos (seeds 564, 819): the first invocation recorded the phase and
        // its DeleteStack got a 5xx; the Retry resumed the Running phase without asking again, so
        // the old stack stayed CREATE_COMPLETE until the wait was exhausted an hour later.
        var own = _world.Stacks.Seed(Scenario.StackName, "CREATE_COMPLETE", new Dictionary<string, string> { [ResourceTags.Environment] = Scenario.Environment });
        _world.Stacks.Faults.Fail("DeleteStack", () => FakeAwsException.ServerError("DeleteStack"));

        var first = () => RunAsync(operation: null, "token-first");
        await first.Should().ThrowAsync<Exception>();
        own.Status.Should().Be("CREATE_COMPLETE");
        var retried = await RunAsync(operation: null, "token-retried");

        retried.Mode.Should().Be("resumed");
        own.Status.Should().Be("DELETE_IN_PROGRESS", "the retry must request the delete the first attempt never made");
        _world.Stacks.Faults.Calls("DeleteStack").Should().Be(2);
    }

    private async Task<WaitTaskResult> RunAsync(string? operation, string token)
    {
        await _world.Locks.AcquireAsync(Scenario.Environment, Scenario.DeploymentId, _world.Clock.UtcNow, _world.Settings.LockLease, default);
        var deployment = new Deployment
        {
            DeploymentId = Scenario.DeploymentId,
            Environment = Scenario.Environment,
            StackName = Scenario.StackName,
            Parameters = new Dictionary<string, string>(),
            Secrets = new Dictionary<string, string>(),
            Agents = [],
            Timeouts = new PhaseTimeouts(),
            RequestedAt = _world.Clock.UtcNow,
            Rebuild = true,
        };
        return await new RemoveOldStackFunction(_world.Services).HandleAsync(
            new WaitTaskRequest { Operation = operation, Deployment = deployment, TaskToken = token }, TestContext.Current.CancellationToken);
    }
}

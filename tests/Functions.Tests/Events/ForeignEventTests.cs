using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Signals;
using Wso2Serverless.Functions.Callbacks;
using Wso2Serverless.Functions.Events;
using Wso2Serverless.Functions.Tasks;
using Wso2Serverless.Functions.Tests.Fakes;

namespace Wso2Serverless.Functions.Tests.Events;

/// <summary>
/// #11 "forged signals" and "noise": a signal one environment's Puppet Master sends for another
/// environment's deployment is dropped before anything is written, and a stack event that is not
/// of an operation this orchestrator started (a foreign stack under the prefix, the
/// orchestrator's own stack) is dropped with no AWS call at all.
/// </summary>
public sealed class ForeignEventTests
{
    private const string DeploymentId = "dev-20261128-0900";
    private readonly FakeWorld _world = new(new FakeWorld().Settings with { StackNamePrefix = "wso2-", OrchestratorName = "wso2-orchestrator" });
    private readonly RecordingLog _log = new();

    public ForeignEventTests()
    {
        _world.Deployments.CreateAsync(new DeploymentRecord
        {
            DeploymentId = DeploymentId, Environment = "dev", StackName = "wso2-dev", Status = DeploymentStatus.Running, StartedAt = _world.Clock.UtcNow,
        }, TestContext.Current.CancellationToken).GetAwaiter().GetResult();
    }

    private Task<RouteResult> Route(byte[] payload) => EventRouter.Create(_world.Services).RouteAsync(payload, _log, TestContext.Current.CancellationToken);

    private async Task WaitForReadyAsync()
    {
        await new PhaseJournal(_world.Deployments, _world.Clock).StartAsync(DeploymentId, PhaseNames.AwaitPuppetMaster, null, TestContext.Current.CancellationToken);
        await new TaskCompleter(_world.Tokens, _world.Workflow, _world.Clock).RegisterAsync(
            CorrelationKeys.PuppetMaster("dev", DeploymentId), new PendingToken("task-token", DeploymentId, PhaseNames.AwaitPuppetMaster, _world.Clock.UtcNow), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Ready_UnderAnotherEnvironmentsSource_IsDroppedAndEndsNoWait()
    {
        await WaitForReadyAsync();

        var result = await Route(EventPayloads.Signal(DeploymentId, "ready", PuppetMasterSignal.Ready, environment: "qa"));

        result.Action.Should().Be(RouteResult.Dropped);
        result.Detail.Should().Contain("environment qa").And.Contain("belongs to dev");
        _world.Workflow.Callbacks.Should().BeEmpty();
        _world.Tokens.Outcome(CorrelationKeys.PuppetMaster("dev", DeploymentId)).Should().BeNull();
        _world.Tokens.Outcome(CorrelationKeys.PuppetMaster("qa", DeploymentId)).Should().BeNull("nothing is written for a forged signal");
        _world.Deployments.Phase(DeploymentId, PhaseNames.AwaitPuppetMaster)!.SubSteps.Should().BeEmpty();
    }

    [Fact]
    public async Task Ready_BeforeTheWait_UnderAnotherEnvironmentsSource_IsNotKeptForTheTask()
    {
        var result = await Route(EventPayloads.Signal(DeploymentId, "ready", PuppetMasterSignal.Ready, environment: "qa"));

        result.Action.Should().Be(RouteResult.Dropped);
        _world.Tokens.Keys.Should().BeEmpty("an early outcome would end the real wait when it registers");
    }

    [Fact]
    public async Task Progress_UnderAnotherEnvironmentsSource_AddsNoStepAndNoHeartbeat()
    {
        await WaitForReadyAsync();

        var result = await Route(EventPayloads.Signal(DeploymentId, "modules", PuppetMasterSignal.Progress, environment: "qa"));

        result.Action.Should().Be(RouteResult.Dropped);
        _world.Workflow.Heartbeats.Should().BeEmpty();
        _world.Deployments.Phase(DeploymentId, PhaseNames.AwaitPuppetMaster)!.SubSteps.Should().BeEmpty();
    }

    [Fact]
    public async Task Ready_UnderItsOwnEnvironmentsSource_StillEndsTheWait()
    {
        await WaitForReadyAsync();

        var result = await Route(EventPayloads.Signal(DeploymentId, "ready", PuppetMasterSignal.Ready, environment: "dev"));

        result.Action.Should().Be(RouteResult.Completed);
        _world.Workflow.Callbacks.Should().ContainSingle().Which.Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData("Console-CreateStack-7f59c3cf-00d2-40c7-b2ff-e75db0987002")]
    [InlineData("")]
    [InlineData("wso2o-")]
    public async Task StackEvent_OfAnOperationThisOrchestratorDidNotStart_CostsNoAwsCall(string token)
    {
        var stack = _world.Stacks.Seed("wso2-dev", "ROLLBACK_COMPLETE", new Dictionary<string, string> { [ResourceTags.DeploymentId] = DeploymentId });
        var calls = _world.AwsCalls;

        var result = await Route(EventPayloads.Stack(stack.StackId, "ROLLBACK_COMPLETE", token: token));

        result.Action.Should().Be(RouteResult.Dropped);
        result.Detail.Should().Contain("did not start");
        (_world.AwsCalls - calls).Should().Be(0, _world.DescribeCalls());
    }

    [Fact]
    public async Task StackEvent_OfTheOrchestratorsOwnStack_CostsNoAwsCall()
    {
        var ownStack = $"arn:aws:cloudformation:{FakeStackService.Region}:{FakeStackService.Account}:stack/wso2-orchestrator/0f0e0d0c-1111-2222-3333-444455556666";

        var calls = _world.AwsCalls;

        var result = await Route(EventPayloads.Stack(ownStack, "UPDATE_COMPLETE", token: ClientRequestTokens.For("x", "y", 1)));

        result.Action.Should().Be(RouteResult.Dropped);
        result.Detail.Should().Contain("own stack");
        (_world.AwsCalls - calls).Should().Be(0, _world.DescribeCalls());
    }

    [Fact]
    public void EveryTokenWeMake_IsRecognisedAsOurs_AndNoOtherIs()
    {
        var tokens = new[]
        {
            ClientRequestTokens.For(DeploymentId, PhaseNames.CreateStack, 1),
            ClientRequestTokens.For("a.b_c", "RemoveOld", 2),
            ClientRequestTokens.For(new string('x', 200), "Teardown", 1),
        };

        tokens.Should().OnlyContain(t => ClientRequestTokens.IsOurs(t) && t.Length <= ClientRequestTokens.MaxLength && t.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
        ClientRequestTokens.IsOurs("Console-DeleteStack-1").Should().BeFalse();
        ClientRequestTokens.IsOurs(null).Should().BeFalse();
    }
}

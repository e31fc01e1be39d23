using Wso2Serverless.Domain.Model;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Functions.Tasks;
using Wso2Serverless.Functions.Tests.Fakes;
using Wso2Serverless.Functions.Tests.Workflow;

namespace Wso2Serverless.Functions.Tests.Tasks;

/// <summary>
/// #11 "the orchestrator can delete itself": every stack it creates carries its tag, and no delete
/// (RemoveOld, Teardown, the delete failure policy) touches a stack without it; the orchestrator's
/// own stack names are refused outright.
/// </summary>
public sealed class StackOwnershipTests
{
    private const string Orchestrator = "wso2-orchestrator";

    private static OrchestratorSettings Settings() => new FakeWorld().Settings with { OrchestratorName = Orchestrator, PermissionsBoundaryArn = $"arn:aws:iam::{FakeStackService.Account}:policy/wso2-orchestrator-ProductBoundary" };

    private static Dictionary<string, string> Tags(string? orchestrator, string environment = Scenario.Environment, string deploymentId = "dep-0000")
    {
        var tags = new Dictionary<string, string> { [ResourceTags.Environment] = environment, [ResourceTags.DeploymentId] = deploymentId };
        if (orchestrator is not null)
        {
            tags[ResourceTags.Orchestrator] = orchestrator;
        }

        return tags;
    }

    private static string Rebuild(string stackName = Scenario.StackName) =>
        Scenario.Request.Replace("\"environment\": \"dev\",", "\"environment\": \"dev\", \"rebuild\": true,", StringComparison.Ordinal)
            .Replace($"\"stackName\": \"{Scenario.StackName}\"", $"\"stackName\": \"{stackName}\"", StringComparison.Ordinal);

    [Theory]
    [InlineData(null)]
    [InlineData("another-orchestrator")]
    public async Task Rebuild_OfAStackThisOrchestratorDidNotCreate_DeletesNothing(string? orchestrator)
    {
        var s = new Scenario(settings: Settings());
        var stranger = s.World.Stacks.Seed(Scenario.StackName, "CREATE_COMPLETE", Tags(orchestrator));

        var result = await s.RunAsync(Rebuild());

        result.Status.Should().Be("FAILED");
        stranger.Status.Should().Be("CREATE_COMPLETE");
        s.World.Stacks.Faults.Calls("DeleteStack").Should().Be(0);
        s.Phase(PhaseNames.RemoveOld)!.Error.Should().Contain(ResourceTags.Orchestrator);
    }

    [Fact]
    public async Task Rebuild_OfItsOwnEarlierStack_DeletesItAndTagsTheNewOne()
    {
        var s = new Scenario(settings: Settings());
        var old = s.World.Stacks.Seed(Scenario.StackName, "CREATE_COMPLETE", Tags(Orchestrator));

        var result = await s.RunAsync(Rebuild());

        result.Status.Should().Be("SUCCEEDED");
        old.Status.Should().Be("DELETE_COMPLETE");
        var created = s.World.Stacks.CreateRequests.Should().ContainSingle().Subject;
        created.Tags.Should().Contain(ResourceTags.Orchestrator, Orchestrator).And.Contain(ResourceTags.Environment, Scenario.Environment);
        created.Parameters["PermissionsBoundaryArn"].Should().Be(Settings().PermissionsBoundaryArn);
    }

    [Theory]
    [InlineData(Orchestrator)]
    [InlineData("WSO2-Orchestrator")]
    [InlineData("wso2-orchestrator-docs")]
    public async Task ARequestNamingTheOrchestratorsOwnStack_IsRejectedBeforeAnythingIsTouched(string stackName)
    {
        var s = new Scenario(settings: Settings());
        var own = s.World.Stacks.Seed(stackName, "UPDATE_COMPLETE", Tags(null));

        var result = await s.RunAsync(Rebuild(stackName));

        result.Status.Should().Be("FAILED");
        s.Record()!.Status.Should().Be(DeploymentStatus.Rejected);
        s.Record()!.Reason.Should().Contain("$.stackName").And.Contain("own stack");
        own.Status.Should().Be("UPDATE_COMPLETE");
        s.World.Stacks.Faults.TotalCalls.Should().Be(0, "a rejected request never reaches CloudFormation");
    }

    [Fact]
    public async Task Teardown_OfTheOrchestratorsOwnStack_IsRejected()
    {
        var world = new FakeWorld(Settings());
        using var input = System.Text.Json.JsonDocument.Parse($$"""{"environment": "dev", "stackName": "{{Orchestrator}}"}""");

        var act = () => new AcceptFunction(world.Services).HandleAsync(
            new AcceptRequest { Input = input.RootElement.Clone(), ExecutionName = "teardown-1", Operation = AcceptFunction.Teardown, StartedAt = world.Clock.UtcNow }, TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<Runtime.FunctionException>()).Which.Message.Should().Contain("own stack");
        world.Stacks.Faults.TotalCalls.Should().Be(0);
    }

    [Fact]
    public async Task FailurePolicyDelete_OfAStackRecordedForThisRunButTaggedForAnother_DeletesNothing()
    {
        var s = new Scenario(settings: Settings());
        // The run's stack id points at a stack another deployment created (a record written wrongly, a reused name).
        s.Driver.OnWait[PhaseNames.CreateStack] = c =>
        {
            var foreign = c.World.Stacks.Seed("wso2-other", "CREATE_COMPLETE", Tags(Orchestrator, deploymentId: "dep-9999"));
            c.World.Deployments.UpdateRunningAsync(c.Deployment.DeploymentId, null, foreign.StackId, null, default).GetAwaiter().GetResult();
            c.World.Stacks.CompleteCreate(c.StackId, Scenario.Outputs);
            return Task.CompletedTask;
        };
        s.Driver.OnWait[PhaseNames.RunDatabaseScripts] = c => { c.World.Commands.Finish(c.CommandId(AgentRoles.PuppetMaster), 1, "FAILED"); return Task.CompletedTask; };

        var result = await s.RunAsync(Scenario.Request.Replace("\"environment\": \"dev\",", "\"environment\": \"dev\", \"failurePolicy\": \"delete\",", StringComparison.Ordinal));

        result.Status.Should().Be("FAILED");
        s.World.Stacks.Live("wso2-other")!.Status.Should().Be("CREATE_COMPLETE");
        s.World.Stacks.Faults.Calls("DeleteStack").Should().Be(0);
        s.Phase(RecordFailureFunction.CleanupPhase)!.Status.Should().Be(PhaseStatus.Failed);
        s.Phase(RecordFailureFunction.CleanupPhase)!.Error.Should().Contain("dep-9999");
        s.Lock.Should().BeNull("the lock is released whatever the cleanup found");
    }

    [Fact]
    public async Task FailurePolicyDelete_OfItsOwnStack_DeletesIt()
    {
        var s = new Scenario(settings: Settings());
        s.Driver.OnWait[PhaseNames.RunDatabaseScripts] = c => { c.World.Commands.Finish(c.CommandId(AgentRoles.PuppetMaster), 1, "FAILED"); return Task.CompletedTask; };

        await s.RunAsync(Scenario.Request.Replace("\"environment\": \"dev\",", "\"environment\": \"dev\", \"failurePolicy\": \"delete\",", StringComparison.Ordinal));

        s.World.Stacks.Stacks.Single().Status.Should().Be("DELETE_IN_PROGRESS");
        s.Phase(RecordFailureFunction.CleanupPhase)!.Status.Should().Be(PhaseStatus.Succeeded);
    }

    [Fact]
    public void TheOwnershipRule_NamesWhatItRefuses()
    {
        var stack = new Domain.Ports.StackDescription("arn:x", Scenario.StackName, "CREATE_COMPLETE", null,
            new Dictionary<string, string>(), new Dictionary<string, string>(), Tags(Orchestrator, "qa"));

        StackOwnership.Problem(stack, Scenario.Environment, Orchestrator).Should().Contain("belongs to environment qa");
        StackOwnership.Problem(stack, "qa", Orchestrator).Should().BeNull();
        StackOwnership.Problem(stack, "qa", "other").Should().Contain("orchestrator " + Orchestrator);
    }
}

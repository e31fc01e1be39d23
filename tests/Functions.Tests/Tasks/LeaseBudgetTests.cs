using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Workflow;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Functions.Tasks;
using Wso2Serverless.Functions.Tests.Api;
using Wso2Serverless.Functions.Tests.Fakes;
using Wso2Serverless.Functions.Tests.Workflow;

namespace Wso2Serverless.Functions.Tests.Tasks;

/// <summary>
/// The lock's lease is renewed when each wait starts, so no wait may outlive it; a configuration
/// in which one could is refused (#13 defect 5: a 30-minute lease under a 60-minute stack wait
/// let a second run take the lock mid-wait).
/// </summary>
public sealed class LeaseBudgetTests
{
    [Fact]
    public async Task Accept_WhenTheStackWaitOutlivesTheLease_RefusesNamingTheTimeoutAndTheLease()
    {
        var world = new FakeWorld(new FakeWorld().Settings with { LockLease = TimeSpan.FromMinutes(30) });

        var result = await new AcceptRequestBuilder(world).Accept(Scenario.DeploymentId);

        result.Accepted.Should().BeFalse();
        result.Error!.Error.Should().Be(WorkflowErrors.InvalidInput);
        result.Error.Cause.Should().Contain("$.timeouts.createStackSeconds").And.Contain("lease");
        world.Locks.Holder(Scenario.Environment).Should().BeNull("a refused run takes no lock");
    }

    [Fact]
    public async Task Accept_WhenEveryWaitFitsTheLease_Accepts()
    {
        var world = new FakeWorld();

        (await new AcceptRequestBuilder(world).Accept(Scenario.DeploymentId)).Accepted.Should().BeTrue();
    }

    [Fact]
    public async Task Api_RefusesAWaitLongerThanTheLease_WhenStartingAndWhenRegistering()
    {
        var api = new ApiHarness();
        const string request = """{"environment":"dev","stackName":"wso2-dev","timeouts":{"createStackSeconds":14400}}""";

        var start = await api.SendAsync("POST", "/deployments", request);
        var register = await api.SendAsync("PUT", "/environments/dev", $$"""{"schedule":"0 3 * * *","request":{{request}}}""");

        start.StatusCode.Should().Be(400);
        ApiHarness.ErrorPaths(start).Should().Contain("$.timeouts.createStackSeconds");
        register.StatusCode.Should().Be(400);
        ApiHarness.ErrorPaths(register).Should().Contain("$.request.timeouts.createStackSeconds");
        api.World.Workflow.Executions.Should().BeEmpty();
    }

    [Fact]
    public void LongestGap_IsTheLongestWaitOrTheLastAgentRunWithVerify_PlusTheMargin()
    {
        var timeouts = new PhaseTimeouts { CreateStackSeconds = 3600, AgentSeconds = 3000, VerifySeconds = 900 };

        LeaseBudget.LongestGap(timeouts).Should().Be(TimeSpan.FromSeconds(3900) + LeaseBudget.Margin);
        LeaseBudget.Check(timeouts, TimeSpan.FromSeconds(3900) + LeaseBudget.Margin).Should().BeEmpty();
        LeaseBudget.Check(timeouts, TimeSpan.FromSeconds(3899) + LeaseBudget.Margin).Select(p => p.Path)
            .Should().BeEquivalentTo("$.timeouts.agentSeconds", "$.timeouts.verifySeconds");
        LeaseBudget.Check(timeouts, TimeSpan.FromSeconds(3599) + LeaseBudget.Margin).Select(p => p.Path)
            .Should().BeEquivalentTo("$.timeouts.createStackSeconds", "$.timeouts.agentSeconds", "$.timeouts.verifySeconds");
    }

    [Fact]
    public async Task AWaitEnteredAgainAfterReconcile_RenewsTheLease()
    {
        // The rule above holds only if every (re-)entry of a wait renews: this is that premise.
        var s = new Scenario();
        DateTimeOffset? leaseAtSecondWait = null;
        DateTimeOffset? enteredAt = null;
        s.Driver.OnWait[PhaseNames.CreateStack] = c =>
        {
            if (c.Wait == 2)
            {
                enteredAt = c.World.Clock.UtcNow;
                leaseAtSecondWait = c.World.Locks.Holder(Scenario.Environment)!.LeaseExpiresAt;
                c.World.Stacks.CompleteCreate(c.StackId, Scenario.Outputs);
            }

            return Task.CompletedTask;
        };

        var result = await s.RunAsync();

        result.Status.Should().Be("SUCCEEDED");
        leaseAtSecondWait.Should().Be(enteredAt + s.World.Settings.LockLease);
    }
}

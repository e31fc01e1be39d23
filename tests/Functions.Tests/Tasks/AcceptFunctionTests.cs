using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Workflow;
using Wso2Serverless.Functions.Tests.Fakes;
using Wso2Serverless.Functions.Tests.Workflow;

namespace Wso2Serverless.Functions.Tests.Tasks;

public class AcceptFunctionTests
{
    [Fact]
    public async Task Run_WhenInputIsInvalid_RecordsRejectionWithEveryProblemAndCreatesNothing()
    {
        var s = new Scenario();

        var result = await s.RunAsync("""{ "environment": "Dev!", "parameters": { "DBPassword": "Sup3rSecret" }, "agents": [ { "role": "db" } ] }""");

        result.Status.Should().Be("FAILED");
        result.Error.Should().Be(WorkflowErrors.InvalidInput);
        result.Cause.Should().Contain("$.environment").And.Contain("$.stackName").And.Contain("$.parameters.DBPassword").And.Contain("$.agents[0].role");
        result.Cause.Should().NotContain("Sup3rSecret");
        s.Record()!.Status.Should().Be(DeploymentStatus.Rejected);
        s.Record()!.Reason.Should().Be(result.Cause);
        s.Phase(PhaseNames.Accept)!.Status.Should().Be(PhaseStatus.Failed);
        s.World.Stacks.Stacks.Should().BeEmpty();
        s.World.Locks.Holder("Dev!").Should().BeNull();
        s.Driver.Visited.Should().Equal("Accept", "Route", "RecordRejection", "Failed");
        s.World.Notifier.Published.Single().Message.Should().NotContain("Sup3rSecret");
    }

    [Fact]
    public async Task Run_WhenEnvironmentIsBusy_RejectsNamingTheRunningDeploymentAndKeepsItsLock()
    {
        var s = new Scenario();
        var since = s.World.Clock.UtcNow.AddMinutes(-20);
        s.World.Locks.Seed(new LockInfo(Scenario.Environment, "dep-other", since, since.AddHours(3)));

        var result = await s.RunAsync();

        result.Error.Should().Be(WorkflowErrors.EnvironmentBusy);
        result.Cause.Should().Be("environment busy: deployment dep-other running since 2026-11-28T08:40:00Z");
        s.Record()!.Status.Should().Be(DeploymentStatus.Rejected);
        s.Lock!.DeploymentId.Should().Be("dep-other");
        s.World.Stacks.Stacks.Should().BeEmpty();
    }

    [Fact]
    public async Task Run_WhenAcceptCannotWriteItsRecord_LeavesNoLockBehindAndStillRecordsTheFailure()
    {
        var s = new Scenario();
        // Every try of Accept fails to write the record (after the state machine's retries too).
        s.World.Deployments.Faults.Fail("Create", () => FakeAwsException.ServerError("PutItem"), times: 10);

        var result = await s.RunAsync();

        result.Status.Should().Be("FAILED");
        s.Lock.Should().BeNull("a lock nobody's record names would block the environment for the whole lease");
        s.Record()!.Status.Should().Be(DeploymentStatus.Failed);
        s.Record()!.FailedPhase.Should().Be(PhaseNames.Accept);
        s.World.Notifier.Published.Should().ContainSingle();
    }

    [Fact]
    public async Task Run_WhenAcceptFailsAfterTakingTheLock_RecordFailureReleasesIt()
    {
        var s = new Scenario();
        // The lock is taken, then every write of the Accept phase fails (after the state machine's retries too).
        s.World.Deployments.Faults.Fail("StartPhase", () => FakeAwsException.ServerError("UpdateItem"), times: 10);

        var result = await s.RunAsync();

        result.Status.Should().Be("FAILED");
        s.Lock.Should().BeNull();
        s.Record()!.Status.Should().Be(DeploymentStatus.Failed);
        s.Record()!.FailedPhase.Should().Be(PhaseNames.Accept);
    }

    [Fact]
    public async Task Accept_WhenInvokedTwice_AnswersAlikeAndWritesOnce()
    {
        var s = new Scenario();
        var accept = new AcceptRequestBuilder(s.World);

        var first = await accept.Accept(Scenario.DeploymentId);
        var second = await accept.Accept(Scenario.DeploymentId);

        first.Accepted.Should().BeTrue();
        second.Accepted.Should().BeTrue();
        second.Deployment.Should().BeEquivalentTo(first.Deployment);
        s.World.Deployments.PhaseWrites.Count(p => p.Phase == PhaseNames.Accept).Should().Be(2); // Running, then Succeeded: once
        s.Lock!.DeploymentId.Should().Be(Scenario.DeploymentId);
    }
}

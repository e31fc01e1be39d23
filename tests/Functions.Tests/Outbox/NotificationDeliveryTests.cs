using Wso2Serverless.Domain.Model;
using Wso2Serverless.Functions.Api;
using Wso2Serverless.Functions.Events;
using Wso2Serverless.Functions.Scheduling;
using Wso2Serverless.Functions.Tests.Api;
using Wso2Serverless.Functions.Tests.Events;
using Wso2Serverless.Functions.Tests.Fakes;
using Wso2Serverless.Functions.Tests.Workflow;

namespace Wso2Serverless.Functions.Tests.Outbox;

/// <summary>
/// Each run is announced at least once, and exactly once on the normal path, whoever closes it
/// and whatever fails after the close (#13 defects 6 and 9).
/// </summary>
public sealed class NotificationDeliveryTests
{
    [Fact]
    public async Task ExecutionStatus_WhenThePublishFails_TheNextSchedulerTickSendsIt()
    {
        var world = new FakeWorld();
        var (arn, start) = await StartedRunAsync(world);
        world.Notifier.Faults.Fail("Publish", () => FakeAwsException.ServerError("Publish"));
        await world.Workflow.StopExecutionAsync(arn, "Operator", "stopped from the console", default);

        await DeliverAsync(world, EventPayloads.Execution(arn, Scenario.DeploymentId, "ABORTED", start, world.Clock.UtcNow, "Operator", "stopped", "{}"));
        world.Notifier.Published.Should().BeEmpty();
        world.Clock.Advance(TimeSpan.FromMinutes(5));
        await TickAsync(world);
        await TickAsync(world);

        world.Notifier.Published.Should().ContainSingle().Which.Subject.Should().Contain("ABORTED");
    }

    [Fact]
    public async Task Run_WhenRecordFailureClosesTheRecordAndThenFails_TheRunIsStillAnnouncedOnce()
    {
        var s = new Scenario();
        s.Driver.OnWait[PhaseNames.RunDatabaseScripts] = c =>
        {
            c.World.Commands.Finish(c.CommandId(AgentRoles.PuppetMaster), 1, "FAILED stage=apim_db");
            // After the close: the publish fails once and the lock release keeps failing.
            c.World.Notifier.Faults.Fail("Publish", () => FakeAwsException.ServerError("Publish"));
            c.World.Locks.Faults.Fail("Release", () => FakeAwsException.ServerError("DeleteItem"), times: 4);
            return Task.CompletedTask;
        };

        var result = await s.RunAsync();
        result.Status.Should().Be("FAILED");
        s.Record()!.Status.Should().Be(DeploymentStatus.Failed);
        // FailedUnrecorded ends the execution; its FAILED event reaches the status handler.
        await DeliverAsync(s.World, EventPayloads.Execution($"arn:aws:states:us-east-1:123456789012:execution:wso2-deployment:{Scenario.DeploymentId}",
            Scenario.DeploymentId, "FAILED", s.World.Clock.UtcNow, s.World.Clock.UtcNow, "Wso2.CommandFailed", "apim_db", "{}"));
        s.World.Clock.Advance(TimeSpan.FromMinutes(5));
        await TickAsync(s.World);
        await TickAsync(s.World);

        s.World.Notifier.Published.Should().ContainSingle().Which.Subject.Should().Contain("FAILED in RunDatabaseScripts");
        s.Lock.Should().BeNull();
    }

    [Fact]
    public async Task Complete_WhenTheRunWasCancelledMeanwhile_AnnouncesNothingMore()
    {
        var s = new Scenario();
        var api = new ApiHandler(s.World.Services);
        s.Driver.OnWait[PhaseNames.Agent(AgentRoles.MicroIntegrator)] = async c =>
        {
            var cancelled = await api.HandleAsync(ApiRequests.Create("POST", $"/deployments/{Scenario.DeploymentId}/cancel", null, null), new TestInvocation().Context(c.World.Clock.UtcNow));
            cancelled.StatusCode.Should().Be(202);
            c.World.Commands.Finish(c.CommandId(AgentRoles.MicroIntegrator), 0, "Notice: Applied catalog");
        };

        await s.RunAsync();

        s.Record()!.Status.Should().Be(DeploymentStatus.Cancelled);
        s.World.Notifier.Published.Should().ContainSingle().Which.Subject.Should().Contain("cancelled");
    }

    [Fact]
    public async Task Cancel_WhenTheAbortedEventArrivesBeforeStopExecutionReturns_AnswersCancelledAndNotifiesOnce()
    {
        var api = new ApiHarness();
        var world = api.World;
        var now = world.Clock.UtcNow;
        var started = await world.Workflow.StartExecutionAsync(world.Settings.StateMachineArn, "d-run", "{}", default);
        await world.Deployments.CreateAsync(ApiDeploymentsTests.Record("d-run", "dev", now) with { ExecutionArn = started.ExecutionArn }, default);
        world.Locks.Seed(new LockInfo("dev", "d-run", now, now.AddHours(3)));
        var statusHandler = ExecutionStatusHandler.Create(world.Services);
        world.Workflow.Stopped = e => statusHandler.HandleAsync(
            EventPayloads.Execution(e.ExecutionArn, e.Name, "ABORTED", e.StartDate, e.StopDate, e.Error, e.Cause, "{}"), new RecordingLog(), default);

        var response = await api.SendAsync("POST", "/deployments/d-run/cancel", contentType: null);

        response.StatusCode.Should().Be(202);
        (await world.Deployments.GetAsync("d-run", default))!.Status.Should().Be(DeploymentStatus.Cancelled);
        world.Workflow.Executions[0].Status.Should().Be("ABORTED");
        world.Notifier.Published.Should().ContainSingle().Which.Subject.Should().Contain("cancelled");
        world.Locks.Holder("dev").Should().BeNull();
    }

    /// <summary>A run past Accept with its execution started: record Running, lock held.</summary>
    private static async Task<(string Arn, DateTimeOffset Start)> StartedRunAsync(FakeWorld world)
    {
        var started = await world.Workflow.StartExecutionAsync(world.Settings.StateMachineArn, Scenario.DeploymentId, "{}", default);
        await world.Deployments.CreateAsync(ApiDeploymentsTests.Record(Scenario.DeploymentId, Scenario.Environment, world.Clock.UtcNow) with { ExecutionArn = started.ExecutionArn }, default);
        await world.Locks.AcquireAsync(Scenario.Environment, Scenario.DeploymentId, world.Clock.UtcNow, world.Settings.LockLease, default);
        var start = world.Clock.UtcNow;
        world.Clock.Advance(TimeSpan.FromMinutes(20));
        return (started.ExecutionArn, start);
    }

    /// <summary>EventBridge's asynchronous invocation: after a function error Lambda tries twice more.</summary>
    private static async Task DeliverAsync(FakeWorld world, byte[] payload)
    {
        var handler = ExecutionStatusHandler.Create(world.Services);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await handler.HandleAsync(payload, new RecordingLog(), default);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Lambda retries the event.
            }
        }
    }

    private static Task<SchedulerResult> TickAsync(FakeWorld world) =>
        new SchedulerHandler(world.Services).HandleAsync(new SchedulerInput { Source = "aws.events", DetailType = "Scheduled Event" }, new TestInvocation().Context(world.Clock.UtcNow));
}

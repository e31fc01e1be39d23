using System.Text.Json;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Functions.Scheduling;
using Wso2Serverless.Functions.Tests.Api;

namespace Wso2Serverless.Functions.Tests.Scheduling;

public sealed class SchedulerTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private readonly SchedulerHarness _scheduler = new();

    [Fact]
    public async Task Tick_WhenRebuildDue_StartsItUnderNameFromEnvironmentAndDueTime()
    {
        await _scheduler.RegisterAsync(lastScheduledAt: Nine.AddHours(-1));

        var result = await _scheduler.TickAsync();

        result.Items.Should().ContainSingle().Which.Action.Should().Be(ScheduleActions.Started);
        var execution = _scheduler.World.Workflow.Executions.Should().ContainSingle().Subject;
        execution.Name.Should().Be("rebuild-dev-20261130T0900");
        execution.StateMachineArn.Should().Be(_scheduler.World.Settings.StateMachineArn);
        using var input = JsonDocument.Parse(execution.InputJson);
        input.RootElement.GetProperty("trigger").GetString().Should().Be("schedule");
        input.RootElement.GetProperty("rebuild").GetBoolean().Should().BeTrue();
        (await _scheduler.World.Environments.GetAsync("dev", CancellationToken.None))!.LastScheduledAt.Should().Be(Nine);
    }

    [Fact]
    public async Task Tick_AfterMissedTicks_StartsOnlyTheLatestDueOccurrence()
    {
        await _scheduler.RegisterAsync(lastScheduledAt: Nine.AddHours(-5));

        await _scheduler.TickAsync();

        _scheduler.World.Workflow.Executions.Select(e => e.Name).Should().Equal("rebuild-dev-20261130T0900");
        (await _scheduler.World.Environments.GetAsync("dev", CancellationToken.None))!.LastScheduledAt.Should().Be(Nine);
    }

    [Fact]
    public async Task Tick_Retried_StartsNothingTwice()
    {
        await _scheduler.RegisterAsync(lastScheduledAt: Nine.AddHours(-1));
        await _scheduler.TickAsync();

        var again = await _scheduler.TickAsync();

        _scheduler.World.Workflow.Executions.Should().ContainSingle();
        again.Items.Single().Action.Should().Be(ScheduleActions.NotDue);
    }

    [Fact]
    public async Task Tick_RetriedAfterCrashBeforeMark_GetsAlreadyStarted()
    {
        await _scheduler.RegisterAsync(lastScheduledAt: Nine.AddHours(-1));
        _scheduler.World.Environments.Faults.Fail("MarkScheduled", () => new TimeoutException("DynamoDB did not answer"));
        var tick = new SchedulerInput { Source = "aws.events", DetailType = "Scheduled Event", Time = "2026-11-30T09:00:00Z" };
        var crashed = await _scheduler.TickAsync(tick);

        // Lambda retries the failed invocation a minute later with the same event; Step Functions
        // answers the repeated start of the running execution as it answered the first.
        _scheduler.World.Clock.Set(Nine.AddMinutes(1));
        var retried = await _scheduler.TickAsync(tick);

        crashed.Items.Single().Action.Should().Be(ScheduleActions.Failed);
        retried.Items.Single().Action.Should().Be(ScheduleActions.AlreadyStarted);
        _scheduler.World.Workflow.Executions.Should().ContainSingle();
    }

    [Fact]
    public async Task Tick_UsesTheEventsTime_SoALateRetryComputesTheSameDueTime()
    {
        await _scheduler.RegisterAsync(lastScheduledAt: Nine.AddHours(-1));
        _scheduler.World.Clock.Set(Nine.AddMinutes(62));

        await _scheduler.TickAsync(new SchedulerInput { Source = "aws.events", DetailType = "Scheduled Event", Time = "2026-11-30T09:00:00Z" });

        _scheduler.World.Workflow.Executions.Single().Name.Should().Be("rebuild-dev-20261130T0900");
    }

    [Fact]
    public async Task Tick_WhenNothingDue_StartsNothing()
    {
        await _scheduler.RegisterAsync(schedule: "0 2 * * *", lastScheduledAt: Nine.AddHours(-7));

        var result = await _scheduler.TickAsync();

        result.Items.Single().Action.Should().Be(ScheduleActions.NotDue);
        _scheduler.World.Workflow.Executions.Should().BeEmpty();
    }

    [Fact]
    public async Task Tick_NewlyRegistered_DoesNotCatchUpOccurrencesBeforeRegistration()
    {
        await _scheduler.RegisterAsync(schedule: "0 2 * * *", updatedAt: Nine.AddHours(-1));

        await _scheduler.TickAsync();

        _scheduler.World.Workflow.Executions.Should().BeEmpty();
    }

    [Fact]
    public async Task Tick_WhenEnvironmentBusy_RecordsSkipAndConsumesTheDueTime()
    {
        await _scheduler.RegisterAsync(lastScheduledAt: Nine.AddHours(-1));
        _scheduler.World.Locks.Seed(new LockInfo("dev", "20261130-083000-aaaaaaaa", Nine.AddMinutes(-30), Nine.AddHours(2)));

        var result = await _scheduler.TickAsync();

        result.Items.Single().Action.Should().Be(ScheduleActions.SkippedBusy);
        _scheduler.World.Workflow.Executions.Should().BeEmpty();
        var skip = await _scheduler.World.Deployments.GetAsync("rebuild-dev-20261130T0900", CancellationToken.None);
        skip!.Status.Should().Be(DeploymentStatus.Rejected);
        skip.Trigger.Should().Be("schedule");
        skip.Reason.Should().StartWith("skipped: environment busy").And.Contain("20261130-083000-aaaaaaaa");
        (await _scheduler.World.Environments.GetAsync("dev", CancellationToken.None))!.LastScheduledAt.Should().Be(Nine);
    }

    [Fact]
    public async Task Tick_DisabledEnvironment_IsSkipped()
    {
        await _scheduler.RegisterAsync(lastScheduledAt: Nine.AddHours(-1), enabled: false);

        var result = await _scheduler.TickAsync();

        result.Items.Single().Action.Should().Be(ScheduleActions.Disabled);
        _scheduler.World.Workflow.Executions.Should().BeEmpty();
    }

    [Fact]
    public async Task RuleNamingOneEnvironment_HandlesOnlyThatOne()
    {
        await _scheduler.RegisterAsync("dev", lastScheduledAt: Nine.AddHours(-1));
        await _scheduler.RegisterAsync("qa", lastScheduledAt: Nine.AddHours(-1));

        var result = await _scheduler.TickAsync(new SchedulerInput { Environment = "qa" });

        result.Items.Select(i => i.Environment).Should().Equal("qa");
        _scheduler.World.Workflow.Executions.Single().Name.Should().Be("rebuild-qa-20261130T0900");
    }

    [Fact]
    public async Task RuleNamingUnknownEnvironment_IsLoggedAndSkipped()
    {
        var result = await _scheduler.TickAsync(new SchedulerInput { Environment = "ghost" });

        result.Items.Single().Action.Should().Be(ScheduleActions.Unknown);
        _scheduler.Invocation.Logs.Should().Contain("ghost");
    }

    [Fact]
    public async Task OneEnvironmentFailing_DoesNotStopTheOthers()
    {
        await _scheduler.RegisterAsync("aaa", lastScheduledAt: Nine.AddHours(-1));
        await _scheduler.RegisterAsync("bbb", lastScheduledAt: Nine.AddHours(-1));
        _scheduler.World.Workflow.Faults.Fail("StartExecution", () => new TimeoutException("Step Functions did not answer"));

        var result = await _scheduler.TickAsync();

        result.Items.Select(i => i.Action).Should().Equal(ScheduleActions.Failed, ScheduleActions.Started);
    }

    [Fact]
    public async Task Expired_StartsTeardownOnceAndRetiresTheEnvironment()
    {
        var expiry = Nine.AddMinutes(-10);
        await _scheduler.RegisterAsync(lastScheduledAt: Nine.AddHours(-1), expiresAt: expiry);
        await _scheduler.World.Deployments.CreateAsync(ApiDeploymentsTests.Record("d-1", "dev", Nine.AddDays(-2)) with { Status = DeploymentStatus.Succeeded }, CancellationToken.None);

        var first = await _scheduler.TickAsync();
        _scheduler.World.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await _scheduler.TickAsync();

        first.Items.Single().Action.Should().Be(ScheduleActions.TeardownStarted);
        second.Items.Single().Action.Should().Be(ScheduleActions.Disabled);
        var execution = _scheduler.World.Workflow.Executions.Should().ContainSingle().Subject;
        execution.Name.Should().Be("expire-dev-20261130T0850");
        execution.StateMachineArn.Should().Be(_scheduler.World.Settings.TeardownStateMachineArn);
        using var input = JsonDocument.Parse(execution.InputJson);
        input.RootElement.GetProperty("stackName").GetString().Should().Be("wso2-dev");
        input.RootElement.GetProperty("trigger").GetString().Should().Be("schedule");
        var config = await _scheduler.World.Environments.GetAsync("dev", CancellationToken.None);
        config!.Enabled.Should().BeFalse();
        config.ExpiresAt.Should().BeNull();
    }

    [Fact]
    public async Task Expired_WhileBusy_WaitsForTheNextTick()
    {
        await _scheduler.RegisterAsync(expiresAt: Nine.AddMinutes(-10));
        await _scheduler.World.Deployments.CreateAsync(ApiDeploymentsTests.Record("d-1", "dev", Nine.AddMinutes(-20)), CancellationToken.None);
        _scheduler.World.Locks.Seed(new LockInfo("dev", "d-1", Nine.AddMinutes(-20), Nine.AddHours(2)));

        var result = await _scheduler.TickAsync();

        result.Items.Single().Action.Should().Be(ScheduleActions.ExpiryWaitsForBusy);
        _scheduler.World.Workflow.Executions.Should().BeEmpty();
        (await _scheduler.World.Environments.GetAsync("dev", CancellationToken.None))!.ExpiresAt.Should().NotBeNull();
    }

    [Fact]
    public async Task Expired_WhenItsStackWasTornDownAlready_RetiresWithoutTeardown()
    {
        await _scheduler.RegisterAsync(expiresAt: Nine.AddMinutes(-10));
        await _scheduler.World.Deployments.CreateAsync(ApiDeploymentsTests.Record("teardown-1", "dev", Nine.AddDays(-1)) with { Status = DeploymentStatus.TornDown }, CancellationToken.None);

        var result = await _scheduler.TickAsync();

        result.Items.Single().Action.Should().Be(ScheduleActions.ExpiredNothingToRemove);
        _scheduler.World.Workflow.Executions.Should().BeEmpty();
    }
}

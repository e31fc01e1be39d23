using System.Text.Json.Nodes;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Simulator.Reporting;
using Wso2Serverless.Simulator.Scenarios;
using Wso2Serverless.StandIns.World;

namespace Wso2Serverless.Simulator.Tests;

/// <summary>
/// The entry points other than the console, each through the real function (API, scheduler) and
/// the real state machine (deployment.asl.json, teardown.asl.json) in the world: scheduled
/// rebuilds from the world's EventBridge schedule, expiry, and a teardown asked for through the API.
/// </summary>
public sealed class EntryPointScenarioTests(ScenarioRuns runs)
{
    private const string TenOClock = "rebuild-dev-20260105T1000";
    private const string ElevenOClock = "rebuild-dev-20260105T1100";
    private const string NoonOClock = "rebuild-dev-20260105T1200";

    [Fact]
    public async Task ScheduledRebuild_StartsTheDueRuns_OncePerDueTime_AndRecordsTheBusySkip()
    {
        var report = await runs.Report("scheduled-rebuild");

        report.Executions.Select(e => e.Name).Should().Equal(TenOClock, NoonOClock);
        report.Executions.Should().OnlyContain(e => e.Status == ScenarioCatalog.Succeeded && e.Record!.Trigger == "schedule" && e.Record.Rebuild);
        var history = History(report);
        history.Where(r => r.Status != nameof(DeploymentStatus.Rejected)).Select(r => r.Id).Should().BeEquivalentTo([TenOClock, NoonOClock], "one run per due time");
        var skip = history.Should().ContainSingle(r => r.Id == ElevenOClock).Subject;
        skip.Status.Should().Be(nameof(DeploymentStatus.Rejected));
        skip.Reason.Should().StartWith($"skipped: environment busy with deployment '{TenOClock}'");
        // The first rebuild created the environment's stack, the second deleted it and created the next.
        report.Stacks.Where(s => s.StackName == "wso2-dev").Select(s => s.Status).Should().Equal("DELETE_COMPLETE", "CREATE_COMPLETE");
    }

    [Fact]
    public async Task ScheduledRebuild_ATickRetriedAfterATimeout_StartsNothingTwice()
    {
        var report = await runs.Report("scheduled-rebuild");
        var tenOClock = Ticks(report).Single(t => t.At.Hour == 10 && t.At.Minute == 0);
        var invocations = report.Invocations.Where(i => i.Handler == "scheduler" && i.EventId == tenOClock.Id).ToList();

        invocations.Select(i => i.ErrorType).Should().Equal("OperationCanceledException", null);
        (invocations[1].StartedAt - invocations[0].StartedAt).Should().Be(TimeSpan.FromMinutes(1), "Lambda retries a failed async invocation after a minute here");
        // The timed-out invocation logged nothing; the retry found the run it had started.
        report.FunctionLog.Split('\n').Where(l => l.Contains("\"message\":\"scheduler\"", StringComparison.Ordinal) && l.Contains($"\"executionName\":\"{TenOClock}\"", StringComparison.Ordinal))
            .Should().ContainSingle().Which.Should().Contain("\"action\":\"already-started\"");
        report.Executions.Count(e => e.Name == TenOClock).Should().Be(1);
    }

    [Fact]
    public async Task ScheduledRebuild_ATickDeliveredTwice_StartsOneRun()
    {
        var report = await runs.Report("scheduled-rebuild");
        var noon = Ticks(report).Where(t => t.At.Hour == 12 && t.At.Minute == 0).ToList();

        noon.Should().HaveCount(2).And.OnlyContain(t => t.Id == noon[0].Id, "EventBridge delivered the same event twice");
        report.Invocations.Count(i => i.Handler == "scheduler" && i.EventId == noon[0].Id && i.ErrorType == null).Should().Be(2);
        History(report).Count(r => r.Id == NoonOClock).Should().Be(1);
    }

    [Fact]
    public async Task Expiry_TearsTheStackDown_ClosesTornDown_RetiresTheExpiry_AndNotifies()
    {
        var report = await runs.Report("expiry");

        report.Executions.Should().HaveCount(2);
        var deployment = report.Executions[0];
        var teardown = report.Executions[1];
        deployment.Record!.Trigger.Should().Be("api");
        teardown.Name.Should().Be("expire-dev-20260105T1100");
        teardown.Record!.Status.Should().Be(DeploymentStatus.TornDown);
        teardown.Record.Trigger.Should().Be("schedule");
        teardown.States.Select(s => s.State).Should().Equal("Accept", "RemoveStack", "Complete", "TornDown");
        report.Stacks.Where(s => s.StackName == "wso2-dev").Should().ContainSingle().Which.Status.Should().Be("DELETE_COMPLETE");
        var environment = Answer(report, "GET", "/environments/dev");
        environment["enabled"]!.GetValue<bool>().Should().BeFalse("an expired environment is not rebuilt");
        environment["expiresAt"].Should().BeNull("the expiry is retired");
        report.Notifications.Should().HaveCount(2);
        report.Notifications[^1].Message.Should().Contain(teardown.Name);
        var actions = SchedulerActions(report);
        actions.Count(a => a.Action == "teardown-started").Should().Be(1);
        actions.Where(a => a.At > teardown.EndedAt).Should().HaveCountGreaterThanOrEqualTo(2).And.OnlyContain(a => a.Action == "disabled", "a retired expiry starts nothing again");
    }

    [Fact]
    public async Task Teardown_ThroughTheApi_RunsTheTeardownMachine_AndClosesTornDown()
    {
        var report = await runs.Report("teardown");

        report.ApiAnswers.Should().Contain(a => a.Method == "DELETE" && a.Path == "/environments/dev/stack" && a.StatusCode == 202);
        report.Executions.Should().HaveCount(2);
        var teardown = report.Executions[1];
        teardown.Name.Should().StartWith("teardown-");
        teardown.Record!.Status.Should().Be(DeploymentStatus.TornDown);
        teardown.Record.Trigger.Should().Be("api");
        teardown.Phases.Select(p => (p.Phase, p.Status)).Should().Contain((PhaseNames.Teardown, PhaseStatus.Succeeded));
        teardown.Lock.Should().BeNull();
        report.Stacks.Where(s => s.StackName == "wso2-dev").Should().ContainSingle().Which.Status.Should().Be("DELETE_COMPLETE");
        report.Notifications.Should().HaveCount(2);
        report.Notifications[^1].Message.Should().Contain(teardown.Name);
    }

    /// <summary>The environment's history as GET /environments/dev/deployments answered at the end.</summary>
    private static IReadOnlyList<(string Id, string Status, string? Reason)> History(SimulationReport report) =>
        [.. Answer(report, "GET", "/environments/dev/deployments")["items"]!.AsArray()
            .Select(r => (r!["deploymentId"]!.GetValue<string>(), r["status"]!.GetValue<string>(), r["reason"]?.GetValue<string>()))];

    private static JsonNode Answer(SimulationReport report, string method, string path) =>
        report.ApiAnswers.Last(a => a.Method == method && a.Path == path && a.StatusCode == 200).Json!;

    /// <summary>What the scheduler logged it did for dev, tick by tick.</summary>
    private static IReadOnlyList<(DateTimeOffset At, string Action)> SchedulerActions(SimulationReport report) =>
        [.. report.FunctionLog.Split('\n')
            .Where(l => l.Contains("\"message\":\"scheduler\"", StringComparison.Ordinal))
            .Select(l => JsonNode.Parse(l)!)
            .Where(l => l["environment"]?.GetValue<string>() == "dev")
            .Select(l => (DateTimeOffset.Parse(l["timestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), l["action"]!.GetValue<string>()))];

    /// <summary>The schedule's ticks as delivered: when and under which event id.</summary>
    private static IReadOnlyList<(DateTimeOffset At, string Id)> Ticks(SimulationReport report) =>
        [.. report.Events.Where(e => e.Source == EventBridgeSchedule.Source && e.Outcome == DeliveryOutcomes.Delivered)
            .Select(e => (e.At, JsonNode.Parse(e.Json)!["id"]!.GetValue<string>()))];
}

using Wso2Serverless.Domain.Model;
using Wso2Serverless.Simulator.Reporting;
using Wso2Serverless.Simulator.Scenarios;
using Wso2Serverless.StandIns.World;

namespace Wso2Serverless.Simulator.Tests;

public sealed class ScenarioDetailTests(ScenarioRuns runs)
{
    [Fact]
    public async Task Happy_RecordsTheProductUrlsAndEveryPhaseSucceeded()
    {
        var report = await runs.Report("happy");
        var execution = report.Executions.Single();

        execution.Record!.Outputs.Should().ContainKey("PublisherUrl").WhoseValue.Should().StartWith("https://");
        execution.Record.Outputs.Should().ContainKey("MIHealthUrl");
        execution.Phases.Select(p => p.Phase).Should().Contain([PhaseNames.Accept, PhaseNames.CreateStack, PhaseNames.AwaitPuppetMaster,
            PhaseNames.RunDatabaseScripts, PhaseNames.Agent(AgentRoles.ApiManager), PhaseNames.Agent(AgentRoles.MicroIntegrator), PhaseNames.Verify]);
        execution.Phases.Where(p => p.Phase != PhaseNames.RemoveOld).Should().OnlyContain(p => p.Status == PhaseStatus.Succeeded || p.Status == PhaseStatus.Skipped);
        report.Notifications.Should().ContainSingle();
    }

    [Fact]
    public async Task Run_HappyPath_StaysWithinTwentyStateTransitions()
    {
        var execution = (await runs.Report("happy")).Executions.Single();

        // The ASL runner's own count of the states the engine entered (Map iterations included),
        // as Step Functions bills them; the states are the execution's history in order. A good
        // run needs one more look at the targets (the MI health checks' threshold after Puppet).
        execution.States.Select(s => s.State).Should().Equal(
            "Accept", "Route", "CreateStack", "AwaitPuppetMaster", "RunDatabaseScripts", "RunPuppetAgents",
            "RunPuppetAgent", "RunPuppetAgent", "Verify", "VerifyHealthy", "WaitForTargets", "Verify", "VerifyHealthy",
            "Complete", "Succeeded");
        execution.Transitions.Should().Be(execution.States.Count).And.BeLessThanOrEqualTo(20);
    }

    [Theory]
    [InlineData("rebuild")]
    [InlineData("throttling")]
    [InlineData("duplicate-invocations")]
    [InlineData("scheduled-rebuild")]
    public async Task SucceedingRun_StaysWithinTwentyStateTransitions(string name)
    {
        var report = await runs.Report(name);

        report.Executions.Should().NotBeEmpty().And.OnlyContain(e => e.Transitions == e.States.Count && e.Transitions <= 20);
    }

    [Fact]
    public async Task Happy_PhaseDurationsFollowTheWorldsClock()
    {
        var execution = (await runs.Report("happy")).Executions.Single();
        var stack = execution.Phases.Single(p => p.Phase == PhaseNames.CreateStack);

        // The stack takes 45 simulated minutes in the world; the record must show about that, not real seconds.
        (stack.EndedAt!.Value - stack.StartedAt).Should().BeGreaterThan(TimeSpan.FromMinutes(40));
    }

    [Fact]
    public async Task TwentyEnvironments_AllSucceedAndNothingIsLeftLocked()
    {
        var report = await runs.Report(ScenarioRuns.TwentyEnvironments);

        report.Executions.Should().HaveCount(20);
        report.Executions.Where(e => e.Status != ScenarioCatalog.Succeeded).Select(e => $"{e.Environment}: {e.Error} {e.Cause}").Should().BeEmpty();
        report.Executions.Should().OnlyContain(e => e.Lock == null);
        report.Executions.Select(e => e.Record!.StackId).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Happy_EveryEventBridgeInvocation_NamesItsEvent_AndWhatTheStandInsCostIt()
    {
        var report = await runs.Report("happy");
        var delivered = report.Events.Where(e => e.Outcome == DeliveryOutcomes.Delivered)
            .Select(e => System.Text.Json.JsonDocument.Parse(e.Json).RootElement.GetProperty("id").GetString()).ToHashSet(StringComparer.Ordinal);
        var fromEvents = report.Invocations.Where(i => i.Caller == "EventBridge").ToList();

        fromEvents.Should().NotBeEmpty().And.OnlyContain(i => i.EventId != null && delivered.Contains(i.EventId));
        // The router reaches DynamoDB (moto) for every event it correlates: that wait is the stand-ins', not ours.
        fromEvents.Where(i => i.Handler == "event-router").Should().Contain(i => i.StandInDuration > TimeSpan.Zero);
        report.Invocations.Should().OnlyContain(i => i.StandInDuration <= i.RealDuration);
    }

    [Fact]
    public async Task Timeline_EndsWithTheSeedThatReplaysTheRun()
    {
        var report = await runs.Report("happy");
        using var output = new StringWriter();

        Timeline.Write(report, output);

        output.ToString().TrimEnd().Split('\n')[^1].Should().Contain($"seed {ScenarioRuns.Seed} (--seed {ScenarioRuns.Seed} replays it)");
    }

    [Fact]
    public async Task LostStackEvent_IsReconciledInsteadOfWaitedForever()
    {
        var report = await runs.Report("lost-stack-event");

        report.Events.Should().Contain(e => e.Outcome == DeliveryOutcomes.Lost && e.Json.Contains("CREATE_COMPLETE", StringComparison.Ordinal));
        report.Executions.Single().States.Should().Contain(s => s.State == "ReconcileCreateStack");
    }

    [Fact]
    public async Task Throttling_IsAbsorbedByRetries()
    {
        var report = await runs.Report("throttling");
        var createStack = report.Invocations.Where(i => i.Handler == "create-stack").OrderBy(i => i.StartedAt).ToList();

        report.ThrottledCalls.Should().BeGreaterThan(0);
        // Four invocations in a row whose CloudFormation call outlasted the client's retries: an outage
        // of about a minute, which the state's Wso2.Transient retries ride out.
        createStack.Select(i => i.ErrorType).Should().Equal(
            Enumerable.Repeat<string?>("Wso2.Transient", ScenarioCatalog.ThrottledCreateStackInvocations).Append(null));
        report.Executions.Single().Status.Should().Be(ScenarioCatalog.Succeeded);
    }

    [Fact]
    public async Task DuplicateInvocations_CreateOneStack()
    {
        var report = await runs.Report("duplicate-invocations");
        var execution = report.Executions.Single();

        report.Stacks.Count(s => s.StackName == execution.StackName).Should().Be(1);
        report.Invocations.Should().Contain(i => i.Caller.EndsWith("(duplicate)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rebuild_DeletesThePreviousStackBeforeCreatingTheNewOne()
    {
        var report = await runs.Report("rebuild");
        var stacks = report.Stacks.Where(s => s.StackName == "wso2-dev").ToList();

        stacks.Should().HaveCount(2);
        stacks[0].Status.Should().Be("DELETE_COMPLETE");
        stacks[1].Status.Should().Be("CREATE_COMPLETE");
    }

    [Fact]
    public async Task TargetUnreachable_FailsVerifyWithTheTargetGroupTheInstanceAndElbsReason()
    {
        var execution = (await runs.Report("target-unreachable")).Executions.Single();
        var verify = execution.Phases.Single(p => p.Phase == PhaseNames.Verify);

        verify.Error.Should().Contain("MiHttpTargetGroup healthy 0/1: i-").And.Contain("unhealthy Target.Timeout: Request timed out");
        verify.Detail.Should().ContainKey("targets:ApimHttpsTargetGroup").WhoseValue.Should().StartWith("healthy 2/2 (HTTPS:9443/carbon/admin/login.jsp)");
        execution.States.Count(s => s.State == "WaitForTargets").Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Abort_IsClosedByTheExecutionStatusFunction()
    {
        var report = await runs.Report("abort");
        var execution = report.Executions.Single();

        execution.Record!.Status.Should().Be(DeploymentStatus.Aborted);
        report.Invocations.Should().Contain(i => i.Handler == "execution-status" && i.ErrorType == null);
    }

    [Fact]
    public async Task BadInput_NeverEchoesThePastedPassword()
    {
        var report = await runs.Report("bad-input");

        report.FunctionLog.Should().NotContain(ScenarioCatalog.BadInputPassword);
        report.Notifications.Should().NotContain(n => n.Message.Contains(ScenarioCatalog.BadInputPassword, StringComparison.Ordinal));
        (report.Executions.Single().Cause ?? "").Should().NotContain(ScenarioCatalog.BadInputPassword);
        report.Executions.Single().Status.Should().Be(ScenarioCatalog.Failed);
    }
}

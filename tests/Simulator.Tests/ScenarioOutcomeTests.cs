using Wso2Serverless.Domain.Model;
using Wso2Serverless.Simulator.Reporting;
using Wso2Serverless.Simulator.Scenarios;

namespace Wso2Serverless.Simulator.Tests;

public sealed class ScenarioOutcomeTests(ScenarioRuns runs)
{
    public static TheoryData<string> AllScenarios => [.. ScenarioCatalog.All.Select(s => s.Name)];

    public static TheoryData<string> FailingPhaseScenarios =>
        [.. ScenarioCatalog.All.Where(s => s.ExpectedFailedPhase is not null).Select(s => s.Name)];

    public static TheoryData<string> StackPolicyScenarios =>
        [.. ScenarioCatalog.All.Where(s => s.ExpectStackKept is not null).Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(AllScenarios))]
    public async Task Scenario_EndsWithTheExpectedExecutionStatus(string name)
    {
        var scenario = ScenarioCatalog.Find(name)!;
        var report = await runs.Report(name);

        report.Executions.Should().NotBeEmpty();
        if (scenario.Script is null)
        {
            report.Executions.Should().ContainSingle("the console starts one run");
        }

        foreach (var execution in report.Executions)
        {
            execution.Status.Should().Be(scenario.ExpectedStatus, $"{execution.Name}: cause: {execution.Cause}");
        }
    }

    [Theory]
    [MemberData(nameof(AllScenarios))]
    public async Task Scenario_LeavesTheEnvironmentUnlockedOrWithItsOtherHolder(string name)
    {
        var report = await runs.Report(name);

        // busy-environment: the lock belongs to the other deployment and must stay with it.
        report.Executions.Should().NotBeEmpty().And.OnlyContain(e => e.Lock == null || e.Lock.DeploymentId != e.Name);
    }

    [Theory]
    [MemberData(nameof(AllScenarios))]
    public async Task Scenario_ClosesTheDeploymentRecord(string name)
    {
        var report = await runs.Report(name);

        report.Executions.Should().NotBeEmpty();
        foreach (var execution in report.Executions)
        {
            execution.Record.Should().NotBeNull($"every run, even a rejected one, is recorded ({execution.Name})");
            execution.Record!.DeploymentId.Should().Be(execution.Name);
            execution.Record.Status.Should().BeOneOf(ClosedAs(execution), $"{execution.Name} ended {execution.Status}");
        }
    }

    /// <summary>The record statuses that agree with how an execution ended (a teardown's success is TornDown).</summary>
    internal static DeploymentStatus[] ClosedAs(ExecutionReport execution) => execution.Status switch
    {
        ScenarioCatalog.Succeeded => [DeploymentStatus.Succeeded, DeploymentStatus.TornDown],
        ScenarioCatalog.Failed => [DeploymentStatus.Failed, DeploymentStatus.Rejected],
        ScenarioCatalog.Aborted => [DeploymentStatus.Aborted, DeploymentStatus.Cancelled],
        _ => [DeploymentStatus.TimedOut],
    };

    [Theory]
    [MemberData(nameof(FailingPhaseScenarios))]
    public async Task FailingScenario_RecordsThePhaseAndAReason(string name)
    {
        var scenario = ScenarioCatalog.Find(name)!;
        var report = await runs.Report(name);
        var record = report.Executions.Single().Record;

        record.Should().NotBeNull();
        record!.Status.Should().Be(DeploymentStatus.Failed);
        record.FailedPhase.Should().Be(scenario.ExpectedFailedPhase);
        record.Reason.Should().NotBeNullOrWhiteSpace();
        if (scenario.ExpectedReason is { } words)
        {
            record.Reason.Should().ContainEquivalentOf(words);
        }
    }

    [Theory]
    [MemberData(nameof(FailingPhaseScenarios))]
    public async Task FailingScenario_NotifiesWithTheFailingPhase(string name)
    {
        var scenario = ScenarioCatalog.Find(name)!;
        var report = await runs.Report(name);

        report.Notifications.Should().ContainSingle()
            .Which.Message.Should().Contain(scenario.ExpectedFailedPhase!.Split(':')[0]);
    }

    [Theory]
    [MemberData(nameof(StackPolicyScenarios))]
    public async Task Scenario_KeepsOrDeletesTheStackPerTheFailurePolicy(string name)
    {
        var scenario = ScenarioCatalog.Find(name)!;
        var report = await runs.Report(name);
        var execution = report.Executions[^1];
        var latest = report.Stacks.Last(s => s.StackName == execution.StackName);

        (latest.Status != "DELETE_COMPLETE").Should().Be(scenario.ExpectStackKept!.Value, $"the stack ended {latest.Status}");
    }
}

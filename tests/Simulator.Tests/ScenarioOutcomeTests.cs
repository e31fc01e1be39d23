using Wso2Serverless.Domain.Model;
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
        var report = await runs.Report(name);
        var execution = report.Executions.Should().ContainSingle().Subject;

        execution.Status.Should().Be(ScenarioCatalog.Find(name)!.ExpectedStatus, $"cause: {execution.Cause}");
    }

    [Theory]
    [MemberData(nameof(AllScenarios))]
    public async Task Scenario_LeavesTheEnvironmentUnlockedOrWithItsOtherHolder(string name)
    {
        var report = await runs.Report(name);
        var execution = report.Executions.Single();

        // busy-environment: the lock belongs to the other deployment and must stay with it.
        (execution.Lock is null || execution.Lock.DeploymentId != execution.Name).Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(AllScenarios))]
    public async Task Scenario_ClosesTheDeploymentRecord(string name)
    {
        var report = await runs.Report(name);
        var execution = report.Executions.Single();

        if (execution.Record is { } record)
        {
            record.Status.Should().NotBe(DeploymentStatus.Running);
        }
    }

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
        var execution = report.Executions.Single();
        var latest = report.Stacks.Last(s => s.StackName == execution.StackName);

        (latest.Status != "DELETE_COMPLETE").Should().Be(scenario.ExpectStackKept!.Value, $"the stack ended {latest.Status}");
    }
}

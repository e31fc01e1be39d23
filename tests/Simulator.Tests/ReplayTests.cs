using Wso2Serverless.Simulator.Reporting;

namespace Wso2Serverless.Simulator.Tests;

/// <summary>
/// The virtual clock's two promises: one seed gives one run (the same report, apart from the
/// fields that depend on the machine), and the clock never moves while work is under way.
/// </summary>
public sealed class ReplayTests(ScenarioRuns runs)
{
    [Fact]
    public void TheReplayedRuns_AreRunsOfTheFixture()
    {
        ScenarioRuns.ReplayedKeys.Should().OnlyHaveUniqueItems().And.Contain(ScenarioRuns.TwentyEnvironments)
            .And.BeSubsetOf(ScenarioRuns.Keys.Select(row => row.Data));
    }

    [Theory]
    [MemberData(nameof(ScenarioRuns.ReplayKeys), MemberType = typeof(ScenarioRuns))]
    public async Task Scenario_RunTwiceWithOneSeed_WritesTheSameReport(string key)
    {
        var first = ReportComparison.Normalized(await runs.Report(key));
        var second = ReportComparison.Normalized(await runs.Replay(key));

        ReportComparison.FirstDifference(first, second).Should().BeNull();
    }

    [Fact]
    public async Task RunDependentFields_AreInTheReport_AndAreAllThatDiffers()
    {
        var report = ReportComparison.Json(await runs.Report("happy"));

        ReportJson.RunDependentFields.Should().OnlyContain(field => ReportComparison.Exists(report, field), "a listed field the report no longer writes hides nothing");
        report["runDependentFields"]!.AsArray().Select(f => f!.GetValue<string>()).Should().Equal(ReportJson.RunDependentFields);
        report["seed"]!.GetValue<int>().Should().Be(ScenarioRuns.Seed);
    }

    [Theory]
    [MemberData(nameof(ScenarioRuns.Keys), MemberType = typeof(ScenarioRuns))]
    public async Task Scenario_NeverMovesTheClockWhileWorkIsUnderWay(string key)
    {
        var report = await runs.Report(key);

        report.Advances.Should().NotBeEmpty();
        report.Advances.Where(a => !a.WasQuiet).Should().BeEmpty();
    }
}

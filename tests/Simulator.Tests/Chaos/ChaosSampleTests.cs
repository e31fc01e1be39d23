using Wso2Serverless.Simulator.Chaos;
using Wso2Serverless.StandIns.Scheduling;

namespace Wso2Serverless.Simulator.Tests.Chaos;

/// <summary>
/// The CI sample of simulate --chaos: a fixed seed's runs, each a full simulation with its
/// faults, must keep every invariant; a seed replays its run; and a fault the code cannot handle
/// is reported with the seed that replays it.
/// </summary>
public sealed class ChaosSampleTests
{
    /// <summary>
    /// The sample: its seed and size are fixed so CI runs the same faults every time; twelve runs
    /// of this seed inject every kind (the 1,000-run bench is the search, this is its smoke test).
    /// </summary>
    public const int SampleSeed = 20261201;
    public const int SampleRuns = 12;

    [Fact]
    public async Task TheSample_KeepsEveryInvariant()
    {
        using var output = new StringWriter();

        var summary = await ChaosRunner.RunAsync(SampleSeed, SampleRuns, parallel: 2, output, cancellationToken: TestContext.Current.CancellationToken);

        summary.Violations.Should().Be(0, output.ToString());
        summary.Runs.Should().HaveCount(SampleRuns);
        var injected = FaultKinds.All.Where(kind => summary.Runs.Sum(r => r.Injected[kind]) > 0);
        injected.Should().BeEquivalentTo(FaultKinds.All, "the sample injects every kind of fault at least once:\n" + output);
        summary.Runs.Select(r => r.Status).Distinct().Should().Contain(["SUCCEEDED", "FAILED"]);
    }

    [Fact]
    public async Task AScheduledRebuild_WhoseRunsTheSchedulerStarted_StillGetsItsPendingNotificationSent()
    {
        // Seed 80 draws scheduled-rebuild with SNS faults: the 12:00 run's publish fails, and only a
        // later tick sends it; the ticks must wait for the runs the scheduler starts, not only the
        // ones the simulation started itself (there are none here).
        var result = await ChaosRunner.RunOneAsync(80, cancellationToken: TestContext.Current.CancellationToken);

        result.Plan.Scenario.Should().Be("scheduled-rebuild");
        result.Violations.Should().BeEmpty();
    }

    [Fact]
    public async Task ASeed_ReplaysItsRun()
    {
        var seed = FirstSeed(p => p.Scenario == "happy" && p.Duplicates && p.Crashes && p.LostAnswers);

        var first = await ChaosRunner.RunOneAsync(seed, cancellationToken: TestContext.Current.CancellationToken);
        var second = await ChaosRunner.RunOneAsync(seed, cancellationToken: TestContext.Current.CancellationToken);

        second.Plan.Should().Be(first.Plan);
        second.Status.Should().Be(first.Status);
        second.Injected.Should().BeEquivalentTo(first.Injected);
        second.Report!.Invocations.Select(i => (i.Handler, i.Caller, i.StartedAt, i.ErrorType))
            .Should().Equal(first.Report!.Invocations.Select(i => (i.Handler, i.Caller, i.StartedAt, i.ErrorType)));
        second.Report.Events.Select(e => (e.At, e.DetailType, e.Outcome)).Should().Equal(first.Report.Events.Select(e => (e.At, e.DetailType, e.Outcome)));
    }

    [Fact]
    public async Task AFaultTheCodeCannotHandle_IsReportedWithItsSeed()
    {
        // Test-only switch: every Complete fails with an error no Retry takes, so a happy run
        // cannot succeed; the checker must say so and name the seed.
        var seed = FirstSeed(p => p.Scenario == "happy" && p.CancelAt is null);

        var result = await ChaosRunner.RunOneAsync(seed, options => options with
        {
            BeforeHandler = (handler, _) => handler == "complete" ? throw new InvalidOperationException("broken on purpose") : Task.CompletedTask,
        }, TestContext.Current.CancellationToken);
        using var output = new StringWriter();
        ChaosRunner.WriteSummary(output, new ChaosSummary(seed, [result], result.Wall));

        result.Status.Should().Be("FAILED");
        result.Violations.Should().ContainSingle().Which.Invariant.Should().Be(Invariants.TransientSucceeded);
        output.ToString().Should().Contain($"chaos violation: seed {seed} (happy)").And.Contain($"replay: simulate --chaos --seed {seed} --runs 1");
    }

    [Fact]
    public void APlan_DependsOnItsSeedAlone()
    {
        var plans = Enumerable.Range(0, 200).Select(i => ChaosPlan.Draw(i, ChaosPlan.StreamOf(i))).ToList();

        Enumerable.Range(0, 200).Select(i => ChaosPlan.Draw(i, ChaosPlan.StreamOf(i))).Should().Equal(plans);
        plans.Select(p => p.Scenario).Distinct().Should().BeEquivalentTo(ChaosMix.Scenarios.Select(s => s.Scenario), "200 draws reach every scenario of the mix");
        ChaosRunner.SeedOf(int.MaxValue, 1).Should().Be(0, "seeds wrap within what --seed accepts");
        ChaosPlan.StreamOf(5).Next().Should().Be(new Random(SeedStreams.Derive(5, SeedStreams.Chaos)).Next());
    }

    private static int FirstSeed(Func<ChaosPlan, bool> wanted) =>
        Enumerable.Range(1, 10_000).First(seed => wanted(ChaosPlan.Draw(seed, ChaosPlan.StreamOf(seed))));
}

using System.Diagnostics;
using System.Globalization;
using Wso2Serverless.Simulator.Reporting;
using Wso2Serverless.StandIns.Moto;

namespace Wso2Serverless.Simulator.Chaos;

/// <summary>One chaos run: its seed and plan, how it ended, what it injected, what it broke.</summary>
public sealed record ChaosRunResult(int Seed, ChaosPlan Plan, string Status, IReadOnlyDictionary<string, int> Injected, IReadOnlyList<Violation> Violations, TimeSpan Wall)
{
    /// <summary>The run's full report, kept only where asked for (a replay with --json).</summary>
    public SimulationReport? Report { get; init; }
}

/// <summary>Everything a <c>--chaos</c> invocation did.</summary>
public sealed record ChaosSummary(int FirstSeed, IReadOnlyList<ChaosRunResult> Runs, TimeSpan Wall)
{
    /// <summary>Runs asked for; more than <see cref="Runs"/> when the command was stopped (Ctrl+C) before the end.</summary>
    public int Requested { get; init; }

    public int Violations => Runs.Sum(r => r.Violations.Count);
}

/// <summary>
/// <c>simulate --chaos --runs N --seed S</c>: N deployments with seeds S, S+1, ..., each its own
/// simulation with faults drawn from its seed (<see cref="ChaosPlan"/>), checked against
/// <see cref="Invariants"/>. A run that breaks one prints its seed: <c>--seed that --runs 1</c>
/// replays it exactly.
/// </summary>
public static class ChaosRunner
{
    /// <summary>The seed of the i-th run (from 0) of a chaos invocation started at <paramref name="seed"/>.</summary>
    public static int SeedOf(int seed, int index) => (int)(((long)seed + index) & int.MaxValue);

    public static async Task<ChaosSummary> RunAsync(int seed, int runs, int parallel, TextWriter? output, bool keepReports = false, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var results = new ChaosRunResult?[runs];
        using var slots = new SemaphoreSlim(Math.Max(1, parallel));
        // One moto_server per slot, reset before each run.
        await using var motos = new MotoPool();
        // A stop (Ctrl+C) starts no further run; the runs under way finish, and the summary covers what ran.
        var tasks = Enumerable.Range(0, runs).Select(async i =>
        {
            await slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                slots.Release();
                return;
            }

            // The slot is released even when no server could be had: the other runs go on, and the error surfaces.
            try
            {
                var moto = await motos.RentAsync(CancellationToken.None).ConfigureAwait(false);
                try
                {
                    var result = await RunOneAsync(SeedOf(seed, i), o => o with { SharedMoto = moto }, CancellationToken.None).ConfigureAwait(false);
                    results[i] = keepReports ? result : result with { Report = null };
                    if (output is not null)
                    {
                        lock (output)
                        {
                            Print(output, i, runs, result);
                        }
                    }
                }
                finally
                {
                    motos.Return(moto);
                }
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        await Task.WhenAll(tasks).ConfigureAwait(false);

        var summary = new ChaosSummary(seed, [.. results.Where(r => r is not null).Select(r => r!)], watch.Elapsed) { Requested = runs };
        if (output is not null)
        {
            WriteSummary(output, summary);
        }

        return summary;
    }

    /// <summary>
    /// One run: draw its plan from the seed, simulate it with the faults, check the invariants.
    /// <paramref name="adjust"/> is for tests only: it changes the run's options (a fault the code
    /// cannot handle, to show the checker reports it).
    /// </summary>
    public static async Task<ChaosRunResult> RunOneAsync(int seed, Func<SimulationOptions, SimulationOptions>? adjust = null, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var random = ChaosPlan.StreamOf(seed);
        var plan = ChaosPlan.Draw(seed, random);
        var injector = new ChaosInjector(plan, random);
        var scenario = plan.BaseScenario;
        ChaosOutcome outcome;
        try
        {
            var options = new SimulationOptions
            {
                Scenario = scenario with { Faults = injector.Faults(scenario.Faults) },
                Seed = seed,
                Chaos = injector,
            };
            var run = await Simulation.RunAsync(adjust is null ? options : adjust(options), cancellationToken).ConfigureAwait(false);
            outcome = new ChaosOutcome(plan, run.Report, null, injector.CancelAccepted) { UnconfirmedPublishes = injector.UnconfirmedPublishes };
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            outcome = new ChaosOutcome(plan, null, $"{e.GetType().Name}: {FirstLine(e.Message)}", injector.CancelAccepted);
        }

        var status = outcome.Report is { Executions: [var first, ..] } ? first.Status : "DID NOT END";
        return new ChaosRunResult(seed, plan, status, injector.Counts, Invariants.Check(outcome), watch.Elapsed) { Report = outcome.Report };
    }

    private static void Print(TextWriter output, int index, int runs, ChaosRunResult result)
    {
        var faults = result.Injected.Where(f => f.Value > 0).Select(f => $"{f.Key} x{f.Value}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"run {index + 1}/{runs} seed {result.Seed}: {result.Plan.Scenario} -> {result.Status}, {(result.Violations.Count == 0 ? "invariants hold" : $"{result.Violations.Count} VIOLATION(S)")} [{string.Join(", ", faults)}] {result.Wall.TotalSeconds:0.0} s"));
        foreach (var violation in result.Violations)
        {
            output.WriteLine($"  VIOLATION seed {result.Seed}: {violation.Invariant}: {violation.Detail}");
            output.WriteLine($"    replay: simulate --chaos --seed {result.Seed} --runs 1");
        }
    }

    /// <summary>The fault mix (runs with each kind on, faults injected), the outcomes, the violations with their seeds, the wall time.</summary>
    public static void WriteSummary(TextWriter output, ChaosSummary summary)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(summary);
        var runs = summary.Runs;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"chaos: {runs.Count} runs, seeds {summary.FirstSeed}..{ChaosRunner.SeedOf(summary.FirstSeed, Math.Max(0, runs.Count - 1))}, {summary.Violations} violation(s) in {runs.Count(r => r.Violations.Count > 0)} run(s), wall {summary.Wall.TotalSeconds:0.0} s ({(runs.Count == 0 ? 0 : summary.Wall.TotalSeconds / runs.Count):0.00} s per run)"));
        if (summary.Requested > runs.Count)
        {
            output.WriteLine($"chaos: stopped early: {runs.Count} of {summary.Requested} runs done");
        }

        output.WriteLine("chaos fault mix (runs with the kind on / faults injected):");
        foreach (var kind in FaultKinds.All)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {kind,-40} {runs.Count(r => r.Plan.Kinds.Contains(kind)),6} runs {runs.Sum(r => r.Injected.GetValueOrDefault(kind)),8} injected"));
        }

        output.WriteLine("chaos scenarios (runs -> how they ended):");
        foreach (var group in runs.GroupBy(r => r.Plan.Scenario).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ends = group.GroupBy(r => r.Status).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
            output.WriteLine($"  {group.Key,-22} {group.Count(),5}  {string.Join(", ", ends)}");
        }

        foreach (var broken in runs.Where(r => r.Violations.Count > 0))
        {
            output.WriteLine($"chaos violation: seed {broken.Seed} ({broken.Plan.Scenario}): {string.Join("; ", broken.Violations.Select(v => v.Invariant))} -- replay: simulate --chaos --seed {broken.Seed} --runs 1");
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0];
}

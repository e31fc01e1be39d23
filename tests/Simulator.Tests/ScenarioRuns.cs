using System.Collections.Concurrent;
using Wso2Serverless.Simulator.Reporting;
using Wso2Serverless.Simulator.Scenarios;

[assembly: AssemblyFixture(typeof(Wso2Serverless.Simulator.Tests.ScenarioRuns))]

namespace Wso2Serverless.Simulator.Tests;

/// <summary>
/// Runs every scenario once, plus twenty environments at once, through the same path as the
/// simulate command (moto_server, the Node ASL runner, the real handlers), all with one seed;
/// the tests then read the reports. <see cref="Replay"/> is a scenario of <see cref="ReplayedKeys"/>
/// run a second time with the same seed, for the tests that compare the two. The runs go side by side, a few at a time:
/// on the virtual clock a loaded machine only makes a run slower, never different. All of them
/// are queued when a test first asks for one (a filtered run of the scheduler's tests starts
/// none), the twenty environments first, the longest. A failed run is kept as its exception so
/// each test says which scenario broke.
/// </summary>
public sealed class ScenarioRuns : IAsyncDisposable
{
    public const string TwentyEnvironments = "happy x20";

    /// <summary>The seed every run of the fixture uses.</summary>
    public const int Seed = 20260105;

    /// <summary>Runs at once: each is CPU-bound (no run waits on a clock), so more than the cores only adds switching.</summary>
    private static readonly SemaphoreSlim Slots = new(Math.Max(2, Environment.ProcessorCount));

    /// <summary>One moto_server per slot, reset by each run, instead of one started per run.</summary>
    private static readonly Wso2Serverless.StandIns.Moto.MotoPool Motos = new();

    private readonly ConcurrentDictionary<string, Task<SimulationReport>> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<SimulationReport>> _replays = new(StringComparer.Ordinal);

    public static TheoryData<string> Keys => [.. ScenarioCatalog.All.Select(s => s.Name).Append(TwentyEnvironments)];

    /// <summary>
    /// The runs replayed: the twenty at once, and one scenario for each way time and order enter a
    /// run (retry jitter, duplicated and lost events, a heartbeat timeout, a held lock, a stop, the
    /// scheduler, expiry, the teardown machine). The others differ from happy only in which phase fails.
    /// </summary>
    public static IReadOnlyList<string> ReplayedKeys { get; } =
    [
        TwentyEnvironments, "throttling", "duplicate-invocations", "lost-stack-event", "puppetmaster-silent",
        "busy-environment", "abort", "scheduled-rebuild", "expiry", "teardown",
    ];

    public static TheoryData<string> ReplayKeys => [.. ReplayedKeys];

    private static IEnumerable<string> KeyNames => ScenarioCatalog.All.Select(s => s.Name).Append(TwentyEnvironments);

    public Task<SimulationReport> Report(string key)
    {
        StartAll();
        return _runs[key];
    }

    /// <summary>The same scenario and seed run again.</summary>
    public Task<SimulationReport> Replay(string key)
    {
        StartAll();
        return _replays[key];
    }

    private void StartAll()
    {
        lock (_runs)
        {
            if (!_runs.IsEmpty)
            {
                return;
            }

            foreach (var key in KeyNames.OrderByDescending(k => k == TwentyEnvironments))
            {
                _runs[key] = RunAsync(key, "");
                if (ReplayedKeys.Contains(key))
                {
                    _replays[key] = RunAsync(key, "-replay");
                }
            }
        }
    }

    /// <summary>Runs a scenario of the catalog (or the twenty) with this fixture's seed, one of a few at a time.</summary>
    public static async Task<SimulationReport> RunAsync(string key, string suffix, Func<SimulationOptions, SimulationOptions>? adjust = null)
    {
        var twenty = key == TwentyEnvironments;
        var options = new SimulationOptions
        {
            Scenario = ScenarioCatalog.Find(twenty ? "happy" : key)!,
            Environments = twenty ? 20 : 1,
            Seed = Seed,
        };
        await Slots.WaitAsync();
        try
        {
            var run = await Motos.UseAsync(moto =>
            {
                var onMoto = options with { SharedMoto = moto };
                return Simulation.RunAsync(adjust?.Invoke(onMoto) ?? onMoto);
            });
            Keep(run.Report, (twenty ? "happy-x20" : key) + suffix);
            return run.Report;
        }
        finally
        {
            Slots.Release();
        }
    }

    /// <summary>
    /// Every report as simulate --json writes it, under the test output's TestResults folder:
    /// a scenario that fails can then be read state by state afterwards.
    /// </summary>
    private static void Keep(SimulationReport report, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "simulate");
        Directory.CreateDirectory(folder);
        using var file = File.Create(Path.Combine(folder, name + ".json"));
        ReportJson.Write(report, file);
    }

    public async ValueTask DisposeAsync()
    {
        // Runs a failed test did not wait for still own moto and node processes: let them end.
        foreach (var run in _runs.Values.Concat(_replays.Values))
        {
            try
            {
                await run;
            }
            catch (Exception)
            {
                // Reported by the tests that read the run.
            }
        }

        await Motos.DisposeAsync();
    }
}

using System.Collections.Concurrent;
using Wso2Serverless.Simulator.Reporting;
using Wso2Serverless.Simulator.Scenarios;

[assembly: AssemblyFixture(typeof(Wso2Serverless.Simulator.Tests.ScenarioRuns))]

namespace Wso2Serverless.Simulator.Tests;

/// <summary>
/// Runs every scenario once, plus twenty environments at once, through the same path as the
/// simulate command (moto_server, the Node ASL runner, the real handlers); the tests then read
/// the reports. A failed run is kept as its exception so each test says which scenario broke.
/// The twenty run alone first: its one moto answers one request at a time, and with other runs
/// beside it on two cores its queue grew to 16 s per function call (measured). The single runs
/// then go together, started a second apart: each spends most of its real time waiting on the
/// scaled clock, so together they cost little more than the longest one.
/// </summary>
public sealed class ScenarioRuns : IAsyncLifetime
{
    public const string TwentyEnvironments = "happy x20";

    /// <summary>simulate's own default: real overhead per wait stays far inside every wait's margin (see <see cref="SimulationOptions.DefaultScale"/>).</summary>
    private const double Scale = SimulationOptions.DefaultScale;

    /// <summary>
    /// Twenty executions share one moto, which answers one request at a time: under a burst of
    /// their signals a function waited up to 4 s real for it even alone (measured), most of the
    /// Puppet Master's 900 s heartbeat at x200. x100 leaves 9 s.
    /// </summary>
    private const double CrowdScale = 100;

    /// <summary>Spreads the single runs' start-up (moto, Node, first invocations) over time.</summary>
    private static readonly TimeSpan Stagger = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Task<SimulationReport>> _runs = new(StringComparer.Ordinal);

    public async ValueTask InitializeAsync()
    {
        await RecordAsync(TwentyEnvironments, RunAsync(ScenarioCatalog.Find("happy")!, 20, CrowdScale));
        var singles = new List<Task>();
        foreach (var scenario in ScenarioCatalog.All)
        {
            singles.Add(RecordAsync(scenario.Name, RunAsync(scenario, 1, Scale)));
            await Task.Delay(Stagger);
        }

        await Task.WhenAll(singles);
    }

    public Task<SimulationReport> Report(string key) => _runs[key];

    private async Task RecordAsync(string key, Task<SimulationReport> run)
    {
        _runs[key] = run;
        try
        {
            await run;
        }
        catch (Exception)
        {
            // Reported by the tests that read this run.
        }
    }

    private static async Task<SimulationReport> RunAsync(Scenario scenario, int environments, double scale)
    {
        var run = await Simulation.RunAsync(new SimulationOptions { Scenario = scenario, Environments = environments, Scale = scale });
        Keep(run.Report, environments > 1 ? $"{scenario.Name}-x{environments}" : scenario.Name);
        return run.Report;
    }

    /// <summary>
    /// Every report as simulate --json writes it, under the test output's TestResults folder:
    /// a scenario that fails on a loaded CI machine can then be read state by state afterwards.
    /// </summary>
    private static void Keep(SimulationReport report, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "simulate");
        Directory.CreateDirectory(folder);
        using var file = File.Create(Path.Combine(folder, name + ".json"));
        ReportJson.Write(report, file);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

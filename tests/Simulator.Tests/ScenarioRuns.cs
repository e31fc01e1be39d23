using System.Collections.Concurrent;
using Wso2Serverless.Simulator.Reporting;
using Wso2Serverless.Simulator.Scenarios;

[assembly: AssemblyFixture(typeof(Wso2Serverless.Simulator.Tests.ScenarioRuns))]

namespace Wso2Serverless.Simulator.Tests;

/// <summary>
/// Runs every scenario once, plus twenty environments at once, through the same path as the
/// simulate command (moto_server, the Node ASL runner, the real handlers), a few at a time so
/// two cores are not swamped; the tests then read the reports. A failed run is kept as its
/// exception so each test says which scenario broke.
/// </summary>
public sealed class ScenarioRuns : IAsyncLifetime
{
    public const string TwentyEnvironments = "happy x20";

    /// <summary>Fast enough to keep the suite short, slow enough that CPU contention does not distort waits.</summary>
    private const double Scale = 1000;

    /// <summary>Twenty executions share two cores: a slower clock keeps real-time contention small against the waits.</summary>
    private const double CrowdScale = 400;

    private readonly ConcurrentDictionary<string, Task<SimulationReport>> _runs = new(StringComparer.Ordinal);

    public async ValueTask InitializeAsync()
    {
        using var gate = new SemaphoreSlim(4);
        var work = ScenarioCatalog.All.Select(s => (Key: s.Name, Scenario: s, Environments: 1))
            .Prepend((Key: TwentyEnvironments, Scenario: ScenarioCatalog.Find("happy")!, Environments: 20))
            .Select(async run =>
            {
                var task = RunGatedAsync(gate, run.Scenario, run.Environments);
                _runs[run.Key] = task;
                try
                {
                    await task;
                }
                catch (Exception)
                {
                    // Reported by the tests that read this run.
                }
            })
            .ToList();
        await Task.WhenAll(work);
    }

    public Task<SimulationReport> Report(string key) => _runs[key];

    private static async Task<SimulationReport> RunGatedAsync(SemaphoreSlim gate, Scenario scenario, int environments)
    {
        await gate.WaitAsync();
        try
        {
            var run = await Simulation.RunAsync(new SimulationOptions { Scenario = scenario, Environments = environments, Scale = environments > 1 ? CrowdScale : Scale });
            return run.Report;
        }
        finally
        {
            gate.Release();
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

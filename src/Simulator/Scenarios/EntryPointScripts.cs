using System.Text.Json.Nodes;
using Wso2Serverless.Functions.Scheduling;

namespace Wso2Serverless.Simulator.Scenarios;

/// <summary>
/// The scripts of the entry-point scenarios: what an operator does through the HTTP API, after
/// which the real functions (API, scheduler) start the real state machines in the world.
/// </summary>
internal static class EntryPointScripts
{
    /// <summary>The rebuild schedule scheduled-rebuild registers: every hour, on the hour (UTC).</summary>
    public const string HourlyRebuild = "0 * * * *";

    /// <summary>How long after the start expiry's environment expires: its deployment is over by then.</summary>
    public static readonly TimeSpan ExpiresAfter = TimeSpan.FromHours(2);

    /// <summary>
    /// Registers the environment with an hourly rebuild and waits for the first and third due
    /// times' runs; the second comes while the first still runs and is recorded as a skip.
    /// </summary>
    public static async Task ScheduledRebuildAsync(ScenarioDriver d)
    {
        var environment = d.Environment.Environment;
        Expect(await d.ApiAsync("PUT", $"/environments/{environment}", new JsonObject
        {
            ["schedule"] = HourlyRebuild,
            ["request"] = d.StandardInput(),
        }).ConfigureAwait(false), 201);
        if (!RebuildSchedule.TryParse(HourlyRebuild, d.Now, out var schedule, out var error))
        {
            throw new InvalidOperationException(error);
        }

        var first = schedule!.NextAfter(d.Now)!.Value;
        var third = schedule.NextAfter(schedule.NextAfter(first)!.Value)!.Value;
        await d.WaitForEndAsync(RunNames.ScheduledRebuild(environment, first)).ConfigureAwait(false);
        await d.WaitForEndAsync(RunNames.ScheduledRebuild(environment, third)).ConfigureAwait(false);
    }

    /// <summary>Registers the environment with an expiry, deploys it through the API, waits for the scheduler's teardown and two ticks after it.</summary>
    public static async Task ExpiryAsync(ScenarioDriver d)
    {
        var environment = d.Environment.Environment;
        var expiresAt = d.Now + ExpiresAfter;
        Expect(await d.ApiAsync("PUT", $"/environments/{environment}", new JsonObject
        {
            ["request"] = d.StandardInput(),
            ["expiresAt"] = expiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        }).ConfigureAwait(false), 201);
        await d.WaitForEndAsync(await d.StartDeploymentAsync(d.StandardInput()).ConfigureAwait(false)).ConfigureAwait(false);
        await d.WaitForEndAsync(RunNames.Expiry(environment, expiresAt)).ConfigureAwait(false);
        // Two more ticks: a retired expiry starts nothing again.
        await d.DelayAsync(2 * StandIns.World.EventBridgeSchedule.Period).ConfigureAwait(false);
    }

    /// <summary>Deploys through the API, then asks the API to tear the environment's stack down.</summary>
    public static async Task TeardownAsync(ScenarioDriver d)
    {
        await d.WaitForEndAsync(await d.StartDeploymentAsync(d.StandardInput()).ConfigureAwait(false)).ConfigureAwait(false);
        var answer = await d.ApiAsync("DELETE", $"/environments/{d.Environment.Environment}/stack").ConfigureAwait(false);
        Expect(answer, 202);
        await d.WaitForEndAsync(answer.Json!["deploymentId"]!.GetValue<string>()).ConfigureAwait(false);
    }

    private static void Expect(ApiAnswer answer, int status)
    {
        if (answer.StatusCode != status)
        {
            throw new InvalidOperationException($"{answer.Method} {answer.Path} answered {answer.StatusCode}, not {status}: {answer.Body}");
        }
    }
}

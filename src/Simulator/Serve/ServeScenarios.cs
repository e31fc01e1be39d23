using Wso2Serverless.Simulator.Scenarios;
using Wso2Serverless.StandIns.World;

namespace Wso2Serverless.Simulator.Serve;

/// <summary>
/// Which scenarios serve can play. A served world applies a scenario's world to every run started
/// through the API: its faults, twice-delivered invocations and events, a stop on entering a
/// state. A scenario told by what it sets up before its run, or by its request alone, has no
/// world to apply: the person serving plays it with requests.
/// </summary>
internal static class ServeScenarios
{
    /// <summary>Null when serve can play the scenario; otherwise why not and how to play it with requests.</summary>
    public static string? Refusal(Scenario scenario) => scenario switch
    {
        { SeedPreviousStack: true } => "it needs a stack left by an earlier run; serve, deploy once, then deploy again with \"rebuild\": true",
        { EnvironmentBusy: true } => "it needs another run holding the environment; serve, then start two deployments of one environment",
        { CustomiseInput: not null } when !ChangesTheWorld(scenario) => "it is a request, not a world; serve, then send that request",
        _ => null,
    };

    /// <summary>
    /// Null when the scenario can be given to one environment (<c>--scenario ENV=NAME</c>): its
    /// world is faults of that environment's stacks. Twice-delivered invocations, throttled APIs
    /// and a stop on entering a state belong to the whole world.
    /// </summary>
    public static string? EnvironmentRefusal(Scenario scenario) => Refusal(scenario) ?? scenario switch
    {
        { DuplicateInvocations: true } or { AbortWhenEntering: not null } or { Faults.Throttle.Count: > 0 } =>
            $"its world is the whole world's, not one environment's; give it as --scenario {scenario.Name}",
        _ => null,
    };

    /// <summary>The scenario of each environment named with <c>--scenario ENV=NAME</c>, or what is wrong with one.</summary>
    public static (IReadOnlyDictionary<string, Scenario>? Scenarios, string? Error) ForEnvironments(IReadOnlyDictionary<string, string> named)
    {
        var scenarios = new SortedDictionary<string, Scenario>(StringComparer.Ordinal);
        foreach (var (environment, name) in named)
        {
            if (ScenarioCatalog.Find(name) is not { } scenario)
            {
                return (null, $"--scenario {environment}={name}: no scenario '{name}'; --list shows them");
            }

            if (EnvironmentRefusal(scenario) is { } refusal)
            {
                return (null, $"--scenario {environment}={name}: {refusal}");
            }

            scenarios[environment] = scenario;
        }

        return (scenarios, null);
    }

    private static bool ChangesTheWorld(Scenario scenario) =>
        scenario.Faults != WorldFaults.None || scenario.DuplicateInvocations || scenario.AbortWhenEntering is not null;
}

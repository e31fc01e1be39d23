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

    private static bool ChangesTheWorld(Scenario scenario) =>
        scenario.Faults != WorldFaults.None || scenario.DuplicateInvocations || scenario.AbortWhenEntering is not null;
}

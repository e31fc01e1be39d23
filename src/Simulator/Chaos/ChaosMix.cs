namespace Wso2Serverless.Simulator.Chaos;

/// <summary>
/// The scenarios a chaos run starts from, with their weights: each run draws one, then adds its
/// faults. One line per scenario; a scenario of the catalog joins the mix with one more line.
/// </summary>
public static class ChaosMix
{
    public static IReadOnlyList<(string Scenario, int Weight)> Scenarios { get; } =
    [
        ("happy", 6),
        ("rebuild", 2),
        ("lost-stack-event", 1),
        ("stack-rollback", 1),
        ("puppetmaster-failed", 1),
        ("db-scripts-fail", 1),
        ("apim-agent-fails", 1),
        ("mi-agent-fails", 1),
        ("target-unreachable", 1),
        ("busy-environment", 1),
        ("bad-input", 1),
        ("scheduled-rebuild", 1),
        ("expiry", 1),
        ("teardown", 1),
    ];
}

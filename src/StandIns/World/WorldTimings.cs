namespace Wso2Serverless.StandIns.World;

/// <summary>
/// How long things take in the world, in simulated time. The relative sizes are what an operator
/// sees on AWS for pattern-1: the stack dominates, each Puppet run is long, events are quick.
/// </summary>
public sealed record WorldTimings
{
    public TimeSpan StackCreate { get; init; } = TimeSpan.FromMinutes(45);
    public TimeSpan StackDelete { get; init; } = TimeSpan.FromMinutes(12);
    public TimeSpan StackRollback { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>The Puppet Master's stages after its instance is up (about ten minutes in all).</summary>
    public IReadOnlyList<(string Stage, TimeSpan Duration)> PuppetMasterStages { get; init; } =
    [
        ("bootstrap", TimeSpan.FromMinutes(2)),
        ("puppet-server", TimeSpan.FromMinutes(3)),
        ("modules", TimeSpan.FromMinutes(3)),
        ("database-config", TimeSpan.FromMinutes(1)),
        ("verify", TimeSpan.FromMinutes(1)),
    ];
    public TimeSpan DatabaseScripts { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>One node's Puppet agent run, including the product start and health check.</summary>
    public TimeSpan AgentRun { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>From a status change to the event reaching its target through EventBridge.</summary>
    public TimeSpan EventLatency { get; init; } = TimeSpan.FromSeconds(1);
}

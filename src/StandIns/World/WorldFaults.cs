namespace Wso2Serverless.StandIns.World;

/// <summary>
/// The faults a scenario puts into the world. Each one is something that happens on AWS: a
/// resource that cannot be created, an event EventBridge never delivers, a node whose Puppet run
/// fails, an API that throttles.
/// </summary>
public sealed record WorldFaults
{
    public static WorldFaults None { get; } = new();

    /// <summary>This resource fails to create, so the stack rolls back (or is deleted / kept, per OnFailure).</summary>
    public string? FailingStackResource { get; init; }

    /// <summary>Stack statuses whose status-change event is never delivered.</summary>
    public IReadOnlySet<string> LostStackStatuses { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The Puppet Master reports FAILED at this stage.</summary>
    public string? PuppetMasterFailsAtStage { get; init; }

    /// <summary>The Puppet Master boots but never sends a signal (user data hung).</summary>
    public bool PuppetMasterSilent { get; init; }

    /// <summary>When set, the database scripts exit with this code.</summary>
    public int? DatabaseScriptsExitCode { get; init; }

    /// <summary>Roles whose first node's Puppet run fails (exit 4, with Puppet's Error: lines).</summary>
    public IReadOnlySet<string> FailingAgentRoles { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Nodes (wso2:node tag, e.g. mi-1) the load balancer's health checks cannot reach (a missing security group rule).</summary>
    public IReadOnlySet<string> UnreachableTargetNodes { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Operation name (CreateStack, SendCommand, DescribeStack...) to how many calls are throttled first.</summary>
    public IReadOnlyDictionary<string, int> Throttle { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);
}

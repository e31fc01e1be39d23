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

    /// <summary>Command statuses whose status-change events (the command's and its invocations') are never delivered.</summary>
    public IReadOnlySet<string> LostCommandStatuses { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The Puppet Master reports FAILED at this stage.</summary>
    public string? PuppetMasterFailsAtStage { get; init; }

    /// <summary>The Puppet Master boots but never sends a signal (user data hung).</summary>
    public bool PuppetMasterSilent { get; init; }

    /// <summary>When set, the database scripts exit with this code.</summary>
    public int? DatabaseScriptsExitCode { get; init; }

    /// <summary>Roles whose first node's Puppet run fails (exit 6 under --detailed-exitcodes: changes applied, the product's service failed).</summary>
    public IReadOnlySet<string> FailingAgentRoles { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Nodes (wso2:node tag, e.g. mi-1) the load balancer's health checks cannot reach (a missing security group rule).</summary>
    public IReadOnlySet<string> UnreachableTargetNodes { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Operation name (CreateStack, SendCommand, DescribeStack...) to how many calls are throttled first.</summary>
    public IReadOnlyDictionary<string, int> Throttle { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>
    /// EventBridge's at-least-once delivery (chaos): for each routed event, the extra delay of
    /// every copy delivered: one entry is one delivery, several are duplicates, differing delays
    /// reorder events, none loses it. Null: each event once, on time.
    /// </summary>
    public Func<PublishedEvent, IReadOnlyList<TimeSpan>>? Deliveries { get; init; }

    /// <summary>What a function's CloudFormation or SSM call meets (chaos), after the client's own retries; null: nothing.</summary>
    public Func<string, string, WorldCallFault>? CallFaults { get; init; }

    /// <summary>The Puppet Master boots as soon as its instance exists, while the stack is still being created, and sends every signal twice.</summary>
    public bool PuppetMasterDuringCreate { get; init; }
}

/// <summary>An event the world is about to hand to EventBridge: what a delivery plan decides on.</summary>
public sealed record PublishedEvent(string Source, string DetailType, string Status);

/// <summary>What a call of the functions to a simulated service meets, as the code sees it once its client gave up.</summary>
public enum WorldCallFault
{
    None,
    /// <summary>Throttled on every attempt of the client.</summary>
    Throttle,
    /// <summary>A 5xx on every attempt of the client.</summary>
    ServerError,
    /// <summary>Applied by the service, but the caller gets a 5xx (its retries' answers lost too).</summary>
    LostAnswer,
}

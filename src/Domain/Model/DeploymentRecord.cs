namespace Wso2Serverless.Domain.Model;

/// <summary>The deployment's own item in the phase store.</summary>
public sealed record DeploymentRecord
{
    public required string DeploymentId { get; init; }
    public required string Environment { get; init; }
    public required string StackName { get; init; }
    public required DeploymentStatus Status { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public string? ExecutionArn { get; init; }
    public string? StackId { get; init; }
    public string Trigger { get; init; } = "console";
    public bool Rebuild { get; init; }
    /// <summary>Phase that failed, when the outcome is not success.</summary>
    public string? FailedPhase { get; init; }
    public string? Reason { get; init; }
    /// <summary>Stack outputs worth showing (product URLs), recorded at Verify.</summary>
    public IReadOnlyDictionary<string, string> Outputs { get; init; } = new Dictionary<string, string>();
    /// <summary>The request's notification options, so whoever closes the run announces it alike.</summary>
    public NotificationOptions? Notification { get; init; }
}

/// <summary>One phase of one deployment (or one agent role). Attempt counts waits reconciled.</summary>
public sealed record PhaseRecord
{
    public required string DeploymentId { get; init; }
    public required string Phase { get; init; }
    public required PhaseStatus Status { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public int Attempt { get; init; } = 1;
    /// <summary>Phase detail: stack status and reason, command id, per-instance results.</summary>
    public IReadOnlyDictionary<string, string> Detail { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<InstanceResult> Instances { get; init; } = [];
    public IReadOnlyList<SubStep> SubSteps { get; init; } = [];
    public string? Error { get; init; }
}

/// <summary>
/// What one instance did for a command: status, exit code and the tail of its output (at most 2
/// KB); <paramref name="ReportedAt"/> is when we recorded it (absent in records written before it was kept).
/// </summary>
public sealed record InstanceResult(string InstanceId, string Status, int? ExitCode, string OutputTail, DateTimeOffset? ReportedAt = null);

/// <summary>A progress step inside a phase, e.g. a Puppet Master stage.</summary>
public sealed record SubStep(string Name, string Status, DateTimeOffset At, string? Message);

/// <summary>The environment lock's holder.</summary>
public sealed record LockInfo(string Environment, string DeploymentId, DateTimeOffset AcquiredAt, DateTimeOffset LeaseExpiresAt);

/// <summary>A page of results with an opaque cursor for the next page (null when done).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

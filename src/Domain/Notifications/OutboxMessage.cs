namespace Wso2Serverless.Domain.Notifications;

/// <summary>
/// A run's notification, written in the same transaction that closes its record, so a run that
/// is closed is always announced: its closer sends it at once; the scheduler's tick sends any
/// still unsent once its hold expired. One per run (keyed by the deployment id).
/// </summary>
public sealed record OutboxMessage
{
    public required string DeploymentId { get; init; }
    public required string TopicArn { get; init; }
    public required string Subject { get; init; }
    public required string Message { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public OutboxStatus Status { get; init; } = OutboxStatus.Pending;

    /// <summary>Nobody else sends before this: the closer holds a new message, a retrier the one it claimed.</summary>
    public required DateTimeOffset HeldUntil { get; init; }

    /// <summary>Sends claimed by retriers (the closer's own send is not counted).</summary>
    public int Attempts { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    /// <summary>Why the last send failed (the service's message), for an operator.</summary>
    public string? LastError { get; init; }
}

public enum OutboxStatus
{
    /// <summary>Not sent yet.</summary>
    Pending,
    Sent,
    /// <summary>Given up after too many failed sends; LastError says why.</summary>
    Abandoned,
}

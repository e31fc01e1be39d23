namespace Wso2Serverless.Domain.Model;

/// <summary>
/// An environment registered for scheduled rebuilds (and optional expiry). Stored in the phase
/// store, written through the API, read by the scheduler.
/// </summary>
public sealed record EnvironmentConfig
{
    public required string Environment { get; init; }
    /// <summary>Cron expression (5 fields, UTC) for rebuilds; null means no schedule.</summary>
    public string? Schedule { get; init; }
    public bool Enabled { get; init; } = true;
    /// <summary>The request each rebuild starts with (raw JSON of the input contract).</summary>
    public required string RequestTemplate { get; init; }
    /// <summary>When set and passed, the scheduler tears the environment down.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
    /// <summary>Last due time the scheduler handled, so a missed tick is caught up once.</summary>
    public DateTimeOffset? LastScheduledAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

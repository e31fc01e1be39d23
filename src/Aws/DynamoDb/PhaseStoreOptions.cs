namespace Wso2Serverless.Aws.DynamoDb;

/// <summary>Where the stores keep their items, and for how long what only matters for a while is kept.</summary>
public sealed record PhaseStoreOptions
{
    public required string TableName { get; init; }

    /// <summary>Finished deployment records and their phases expire this long after they end (TTL).</summary>
    public TimeSpan RecordRetention { get; init; } = TimeSpan.FromDays(90);

    /// <summary>
    /// Tokens and early outcomes expire this long after they are written. Waits are bounded to
    /// hours, so a week leaves plenty of room for a reconcile while keeping the table small.
    /// </summary>
    public TimeSpan TokenRetention { get; init; } = TimeSpan.FromDays(7);
}

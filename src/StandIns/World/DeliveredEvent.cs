namespace Wso2Serverless.StandIns.World;

/// <summary>One event the world emitted: where it went, whether it arrived, and the exact JSON.</summary>
public sealed record DeliveredEvent(
    DateTimeOffset At,
    string Source,
    string DetailType,
    string? Target,
    string Outcome,
    string Json);

/// <summary>Outcomes of <see cref="DeliveredEvent"/>.</summary>
public static class DeliveryOutcomes
{
    public const string Delivered = "delivered";
    /// <summary>A scenario dropped it: the event AWS sometimes never sends.</summary>
    public const string Lost = "lost";
    /// <summary>No rule matches it (resource status changes and the like).</summary>
    public const string Unrouted = "unrouted";
    /// <summary>The target failed on every attempt.</summary>
    public const string Failed = "failed";
}

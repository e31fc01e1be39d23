using System.Text.Json.Serialization;

namespace Wso2Serverless.Domain.Events;

/// <summary>
/// <c>detail</c> of <c>aws.states</c> "Step Functions Execution Status Change". Dates are epoch
/// milliseconds; <see cref="Input"/> and <see cref="Output"/> are JSON text (or null when too large).
/// </summary>
public sealed record ExecutionStatusChangeDetail
{
    [JsonPropertyName("executionArn")] public string? ExecutionArn { get; init; }
    [JsonPropertyName("stateMachineArn")] public string? StateMachineArn { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("startDate")] public long? StartDate { get; init; }
    [JsonPropertyName("stopDate")] public long? StopDate { get; init; }
    [JsonPropertyName("input")] public string? Input { get; init; }
    [JsonPropertyName("output")] public string? Output { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("cause")] public string? Cause { get; init; }

    [JsonIgnore] public DateTimeOffset? Started => StartDate is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    [JsonIgnore] public DateTimeOffset? Stopped => StopDate is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}

/// <summary>Execution statuses as Step Functions spells them.</summary>
public static class ExecutionStatuses
{
    public const string Running = "RUNNING";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string TimedOut = "TIMED_OUT";
    public const string Aborted = "ABORTED";
    public const string PendingRedrive = "PENDING_REDRIVE";
}

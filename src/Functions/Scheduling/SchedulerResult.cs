using System.Text.Json.Serialization;
using Wso2Serverless.Functions.Outbox;

namespace Wso2Serverless.Functions.Scheduling;

/// <summary>What the scheduler did: one item per environment it looked at, and the pending notifications it sent (also logged).</summary>
public sealed record SchedulerResult(
    [property: JsonPropertyName("tick")] DateTimeOffset Tick,
    [property: JsonPropertyName("items")] IReadOnlyList<ScheduleAction> Items,
    [property: JsonPropertyName("notifications")] IReadOnlyList<NotificationRetry>? Notifications = null);

public sealed record ScheduleAction(
    [property: JsonPropertyName("environment")] string Environment,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("executionName")] string? ExecutionName = null,
    [property: JsonPropertyName("detail")] string? Detail = null);

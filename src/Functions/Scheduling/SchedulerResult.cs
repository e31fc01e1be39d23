using System.Text.Json.Serialization;

namespace Wso2Serverless.Functions.Scheduling;

/// <summary>What the scheduler did, one item per environment it looked at (also logged).</summary>
public sealed record SchedulerResult(
    [property: JsonPropertyName("tick")] DateTimeOffset Tick,
    [property: JsonPropertyName("items")] IReadOnlyList<ScheduleAction> Items);

public sealed record ScheduleAction(
    [property: JsonPropertyName("environment")] string Environment,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("executionName")] string? ExecutionName = null,
    [property: JsonPropertyName("detail")] string? Detail = null);

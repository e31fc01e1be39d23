using System.Text.Json.Serialization;

namespace Wso2Serverless.Functions.Scheduling;

/// <summary>
/// What invokes the scheduler: EventBridge's Scheduled Event (<c>source: aws.events</c>,
/// <c>detail-type: Scheduled Event</c>, <c>time</c> = the tick), or a rule's constant input
/// naming one environment (<c>{ "environment": "x" }</c>). One record reads both.
/// </summary>
public sealed record SchedulerInput
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("source")] public string? Source { get; init; }
    [JsonPropertyName("detail-type")] public string? DetailType { get; init; }
    [JsonPropertyName("time")] public string? Time { get; init; }
    [JsonPropertyName("environment")] public string? Environment { get; init; }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wso2Serverless.Domain.Events;

/// <summary>
/// The outer shape every EventBridge event shares. <see cref="Detail"/> stays a raw element
/// until <see cref="EventParser"/> knows from source and detail-type which shape to read.
/// </summary>
public sealed record EventEnvelope
{
    [JsonPropertyName("version")] public string? Version { get; init; }
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("detail-type")] public string? DetailType { get; init; }
    [JsonPropertyName("source")] public string? Source { get; init; }
    [JsonPropertyName("account")] public string? Account { get; init; }
    // Kept as text: a clock format we did not expect must not cost us the event.
    [JsonPropertyName("time")] public string? Time { get; init; }
    [JsonPropertyName("region")] public string? Region { get; init; }
    [JsonPropertyName("resources")] public IReadOnlyList<string>? Resources { get; init; }
    [JsonPropertyName("detail")] public JsonElement Detail { get; init; }
}

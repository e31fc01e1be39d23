using System.Text.Json;
using System.Text.Json.Serialization;
using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Functions.Api;

/// <summary>202 to a started run: where to follow it.</summary>
public sealed record StartedRun(
    [property: JsonPropertyName("deploymentId")] string DeploymentId,
    [property: JsonPropertyName("executionArn")] string ExecutionArn,
    [property: JsonPropertyName("statusUrl")] string StatusUrl);

/// <summary>One deployment with its phases, in the order they started.</summary>
public sealed record DeploymentView(
    [property: JsonPropertyName("deployment")] DeploymentRecord Deployment,
    [property: JsonPropertyName("phases")] IReadOnlyList<PhaseRecord> Phases);

/// <summary>A page of an environment's history, newest first.</summary>
public sealed record HistoryView(
    [property: JsonPropertyName("items")] IReadOnlyList<DeploymentRecord> Items,
    [property: JsonPropertyName("nextCursor")] string? NextCursor);

public sealed record CancelledRun(
    [property: JsonPropertyName("deploymentId")] string DeploymentId,
    [property: JsonPropertyName("status")] DeploymentStatus Status,
    [property: JsonPropertyName("lockReleased")] bool LockReleased,
    [property: JsonPropertyName("notified")] bool Notified);

/// <summary>
/// Body of <c>PUT /environments/{env}</c>: when to rebuild (5-field cron, UTC), whether the
/// schedule is on, the request every rebuild starts with, and an optional expiry.
/// </summary>
public sealed record EnvironmentRequest
{
    [JsonPropertyName("schedule")] public string? Schedule { get; init; }
    [JsonPropertyName("enabled")] public bool? Enabled { get; init; }
    [JsonPropertyName("request")] public JsonElement Request { get; init; }
    [JsonPropertyName("expiresAt")] public DateTimeOffset? ExpiresAt { get; init; }
}

public sealed record EnvironmentView
{
    [JsonPropertyName("environment")] public required string Environment { get; init; }
    [JsonPropertyName("schedule")] public string? Schedule { get; init; }
    [JsonPropertyName("enabled")] public bool Enabled { get; init; }
    [JsonPropertyName("request")] public JsonElement Request { get; init; }
    [JsonPropertyName("expiresAt")] public DateTimeOffset? ExpiresAt { get; init; }
    [JsonPropertyName("lastScheduledAt")] public DateTimeOffset? LastScheduledAt { get; init; }
    [JsonPropertyName("nextRunAt")] public DateTimeOffset? NextRunAt { get; init; }
    [JsonPropertyName("updatedAt")] public DateTimeOffset UpdatedAt { get; init; }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Cli.Api;

/// <summary><c>GET /deployments/{id}</c>: the record and its phases (the API's <c>DeploymentView</c>).</summary>
public sealed record RunView(
    [property: JsonPropertyName("deployment")] DeploymentRecord Deployment,
    [property: JsonPropertyName("phases")] IReadOnlyList<PhaseRecord> Phases);

/// <summary>202 to <c>POST /deployments</c> and <c>DELETE /environments/{env}/stack</c>.</summary>
public sealed record StartedRun(
    [property: JsonPropertyName("deploymentId")] string DeploymentId,
    [property: JsonPropertyName("executionArn")] string ExecutionArn,
    [property: JsonPropertyName("statusUrl")] string StatusUrl);

/// <summary><c>GET /environments/{env}/deployments</c>: newest first, with a cursor while there is more.</summary>
public sealed record HistoryPage(
    [property: JsonPropertyName("items")] IReadOnlyList<DeploymentRecord> Items,
    [property: JsonPropertyName("nextCursor")] string? NextCursor);

/// <summary>202 to <c>POST /deployments/{id}/cancel</c>.</summary>
public sealed record CancelledRun(
    [property: JsonPropertyName("deploymentId")] string DeploymentId,
    [property: JsonPropertyName("status")] DeploymentStatus Status,
    [property: JsonPropertyName("lockReleased")] bool LockReleased,
    [property: JsonPropertyName("notified")] bool Notified);

/// <summary><c>GET|PUT /environments/{env}</c>: the rebuild schedule.</summary>
public sealed record EnvironmentSchedule
{
    [JsonPropertyName("environment")] public string Environment { get; init; } = "";
    [JsonPropertyName("schedule")] public string? Schedule { get; init; }
    [JsonPropertyName("enabled")] public bool Enabled { get; init; }
    [JsonPropertyName("request")] public JsonElement Request { get; init; }
    [JsonPropertyName("expiresAt")] public DateTimeOffset? ExpiresAt { get; init; }
    [JsonPropertyName("lastScheduledAt")] public DateTimeOffset? LastScheduledAt { get; init; }
    [JsonPropertyName("nextRunAt")] public DateTimeOffset? NextRunAt { get; init; }
    [JsonPropertyName("updatedAt")] public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>An RFC 9457 problem document as the API sends it; <see cref="Errors"/> lists field problems.</summary>
public sealed record Problem
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("status")] public int? Status { get; init; }
    [JsonPropertyName("detail")] public string? Detail { get; init; }
    [JsonPropertyName("instance")] public string? Instance { get; init; }
    [JsonPropertyName("errors")] public IReadOnlyList<FieldProblem>? Errors { get; init; }
}

public sealed record FieldProblem(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("message")] string Message);

/// <summary>API Gateway's own refusals (403, 404 before the function) are <c>{"message": ...}</c>.</summary>
public sealed record GatewayMessage([property: JsonPropertyName("message")] string? Message);

/// <summary>Source-generated JSON with the API's conventions (camelCase, enums as names): no reflection under AOT.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(RunView))]
[JsonSerializable(typeof(StartedRun))]
[JsonSerializable(typeof(HistoryPage))]
[JsonSerializable(typeof(CancelledRun))]
[JsonSerializable(typeof(EnvironmentSchedule))]
[JsonSerializable(typeof(Problem))]
[JsonSerializable(typeof(GatewayMessage))]
public sealed partial class CliJsonContext : JsonSerializerContext;

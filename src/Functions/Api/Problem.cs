using System.Text.Json.Serialization;

namespace Wso2Serverless.Functions.Api;

/// <summary>
/// An RFC 9457 problem document (<c>application/problem+json</c>). Field problems of a rejected
/// request are all listed in <see cref="Errors"/> so a client fixes them in one go.
/// </summary>
public sealed record Problem
{
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("title")] public required string Title { get; init; }
    [JsonPropertyName("status")] public required int Status { get; init; }
    [JsonPropertyName("detail")] public string? Detail { get; init; }
    [JsonPropertyName("instance")] public string? Instance { get; init; }
    [JsonPropertyName("errors")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FieldProblem>? Errors { get; init; }
}

/// <summary>One thing wrong with one field; <see cref="Path"/> is a JSON path like <c>$.parameters.KeyPairName</c>.</summary>
public sealed record FieldProblem(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("message")] string Message);

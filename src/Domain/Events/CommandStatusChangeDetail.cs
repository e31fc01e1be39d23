using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wso2Serverless.Domain.Events;

/// <summary>
/// <c>detail</c> of <c>aws.ssm</c> "EC2 Command Status-change Notification": the command as a
/// whole. Exit codes and output are not in it; the router reads them with GetCommand.
/// </summary>
public sealed record CommandStatusChangeDetail
{
    [JsonPropertyName("command-id")] public string? CommandId { get; init; }
    [JsonPropertyName("document-name")] public string? DocumentName { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("requested-date-time")] public string? RequestedDateTime { get; init; }
    [JsonPropertyName("expire-after")] public string? ExpireAfter { get; init; }
    /// <summary>Document parameters as sent (name to list of values); kept loose, only logged by name.</summary>
    [JsonPropertyName("parameters")] public IReadOnlyDictionary<string, JsonElement>? Parameters { get; init; }
}

using System.Text.Json.Serialization;

namespace Wso2Serverless.Domain.Events;

/// <summary><c>detail</c> of <c>aws.ssm</c> "EC2 Command Invocation Status-change Notification": one instance's run.</summary>
public sealed record CommandInvocationStatusChangeDetail
{
    [JsonPropertyName("command-id")] public string? CommandId { get; init; }
    [JsonPropertyName("document-name")] public string? DocumentName { get; init; }
    [JsonPropertyName("instance-id")] public string? InstanceId { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("requested-date-time")] public string? RequestedDateTime { get; init; }
}

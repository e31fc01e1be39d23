using System.Text.Json.Serialization;

namespace Wso2Serverless.Domain.Events;

/// <summary>
/// <c>detail</c> of <c>aws.cloudformation</c> "CloudFormation Stack Status Change". It carries the
/// stack's status but not which resource failed: the router asks DescribeStackEvents for that.
/// </summary>
public sealed record StackStatusChangeDetail
{
    [JsonPropertyName("stack-id")] public string? StackId { get; init; }
    [JsonPropertyName("status-details")] public StackStatusDetails? StatusDetails { get; init; }
    [JsonPropertyName("client-request-token")] public string? ClientRequestToken { get; init; }

    [JsonIgnore] public string Status => StatusDetails?.Status ?? "";
}

public sealed record StackStatusDetails
{
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("detailed-status")] public string? DetailedStatus { get; init; }
    [JsonPropertyName("status-reason")] public string? StatusReason { get; init; }
}

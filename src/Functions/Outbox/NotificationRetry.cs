using System.Text.Json.Serialization;

namespace Wso2Serverless.Functions.Outbox;

/// <summary>What a scheduler tick did with one pending notification.</summary>
public sealed record NotificationRetry(
    [property: JsonPropertyName("deploymentId")] string DeploymentId,
    [property: JsonPropertyName("action")] string Action)
{
    public const string Sent = "sent";
    public const string Failed = "failed";
    /// <summary>Another sender claimed it first.</summary>
    public const string HeldElsewhere = "held-elsewhere";
}

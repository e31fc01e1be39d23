namespace Wso2Serverless.Domain.Model;

/// <summary>How a Running deployment record is closed: its final status, where and why it failed, when.</summary>
public sealed record RecordClosing(string DeploymentId, DeploymentStatus Status, string? FailedPhase, string? Reason, DateTimeOffset EndedAt);

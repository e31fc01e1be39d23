namespace Wso2Serverless.Domain.Notifications;

/// <summary>A composed notification: an SNS-safe subject and a plain-text message.</summary>
public sealed record Notification(string Subject, string Message);

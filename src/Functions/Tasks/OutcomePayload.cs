using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>What Complete receives.</summary>
public sealed record CompleteRequest
{
    public string? Operation { get; init; }
    public required Deployment Deployment { get; init; }
    public string? ExecutionArn { get; init; }
    /// <summary>The orchestrator's topic, given by the state machine (<c>${NotificationTopicArn}</c>).</summary>
    public string? DefaultTopicArn { get; init; }
}

/// <summary>
/// What RecordFailure receives. <see cref="Deployment"/> is absent when Accept itself failed;
/// then the execution name and the record tell which deployment it was.
/// </summary>
public sealed record RecordFailureRequest
{
    public string? Operation { get; init; }
    public string? Phase { get; init; }
    public string? ExecutionName { get; init; }
    public string? ExecutionArn { get; init; }
    public Deployment? Deployment { get; init; }
    public TaskError? Error { get; init; }
    public string? DefaultTopicArn { get; init; }
}

/// <summary>
/// The notification for the state machine's SNS state, and for a failure the error and cause
/// the final Fail state reports. <see cref="Publish"/> is false when nobody should be told
/// (success with notifyOnSuccess off, or no topic configured).
/// </summary>
public sealed record NotificationResult(bool Publish, string TopicArn, string Subject, string Message, string? Error = null, string? Cause = null);

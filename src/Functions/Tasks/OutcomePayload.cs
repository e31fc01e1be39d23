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
/// What Complete and RecordFailure did: whether this call closed the record and whether its
/// notification went out at once (a queued one the scheduler sends otherwise), and for a failure
/// the error and cause the final Fail state reports.
/// </summary>
public sealed record CloseResult(bool Closed, bool Notified, string? Error = null, string? Cause = null);

namespace Wso2Serverless.Domain.Ports;

/// <summary>Step Functions: task callbacks and executions.</summary>
public interface IWorkflowService
{
    Task<CallbackResult> SendTaskSuccessAsync(string taskToken, string outputJson, CancellationToken cancellationToken);
    Task<CallbackResult> SendTaskFailureAsync(string taskToken, string error, string cause, CancellationToken cancellationToken);
    Task<CallbackResult> SendTaskHeartbeatAsync(string taskToken, CancellationToken cancellationToken);

    /// <summary>
    /// Starts an execution. A name held by an ended execution or another input reports
    /// AlreadyStarted; the same name and input while it runs is answered as Step Functions
    /// answers it, like the first start (AlreadyStarted false) with the first start's date.
    /// </summary>
    Task<StartExecutionResult> StartExecutionAsync(string stateMachineArn, string name, string inputJson, CancellationToken cancellationToken);
    Task StopExecutionAsync(string executionArn, string error, string cause, CancellationToken cancellationToken);
    Task<ExecutionDescription?> DescribeExecutionAsync(string executionArn, CancellationToken cancellationToken);
}

/// <summary>
/// What happened to a callback. A task that timed out, was already completed or whose
/// execution ended is <see cref="TaskGone"/>: not an error for the caller, nothing to retry.
/// </summary>
public enum CallbackResult
{
    Delivered,
    TaskGone,
}

public sealed record StartExecutionResult(string ExecutionArn, DateTimeOffset StartDate, bool AlreadyStarted);

public sealed record ExecutionDescription(string ExecutionArn, string Name, string Status, DateTimeOffset StartDate, DateTimeOffset? StopDate, string? Error, string? Cause);

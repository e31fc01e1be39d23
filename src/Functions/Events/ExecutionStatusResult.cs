namespace Wso2Serverless.Functions.Events;

/// <summary>What the execution-status handler did with one Step Functions status event.</summary>
public sealed record ExecutionStatusResult(string Action, string? DeploymentId = null, string? Detail = null)
{
    public const string Dropped = "dropped";
    /// <summary>Not an end the handler closes (RUNNING, SUCCEEDED), or not one of our deployments.</summary>
    public const string Ignored = "ignored";
    /// <summary>The record was still Running: closed, phase failed, lock released, notified.</summary>
    public const string Closed = "closed";
    /// <summary>A Catch or the API closed it first: only the lock was made sure of.</summary>
    public const string AlreadyClosed = "already-closed";
}

namespace Wso2Serverless.Domain.Model;

/// <summary>
/// Status of a deployment record. Running is the only open status; every other one is final
/// and a final record is never reopened (the store's writes are conditional on Running).
/// </summary>
public enum DeploymentStatus
{
    Running,
    Succeeded,
    Failed,
    /// <summary>Rejected at Accept (invalid input or environment busy): nothing was created.</summary>
    Rejected,
    /// <summary>Stopped on request through the API.</summary>
    Cancelled,
    /// <summary>The execution was aborted outside the API (console, StopExecution).</summary>
    Aborted,
    /// <summary>The execution hit the state machine's own timeout.</summary>
    TimedOut,
    /// <summary>A teardown run deleted the environment's stack.</summary>
    TornDown,
}

namespace Wso2Serverless.Domain.Workflow;

/// <summary>
/// Error names that tasks fail with (SendTaskFailure's <c>error</c>, or a handler's exception
/// type). The state machine's Catch clauses and the failure record use them; the
/// human-readable reason travels in the <c>cause</c>.
/// </summary>
public static class WorkflowErrors
{
    public const string InvalidInput = "Wso2.InvalidInput";
    public const string EnvironmentBusy = "Wso2.EnvironmentBusy";
    public const string PreflightFailed = "Wso2.PreflightFailed";
    public const string StackFailed = "Wso2.StackFailed";
    public const string PuppetMasterFailed = "Wso2.PuppetMasterFailed";
    public const string CommandFailed = "Wso2.CommandFailed";
    public const string VerifyFailed = "Wso2.VerifyFailed";
    /// <summary>A wait timed out and reconciling found the work still unfinished too many times.</summary>
    public const string WaitExhausted = "Wso2.WaitExhausted";

    /// <summary>
    /// An AWS call failed in a way that can succeed later (throttling, a 5xx, a network error)
    /// after the client's own retries ran out: the state machine retries the task.
    /// </summary>
    public const string Transient = "Wso2.Transient";

    /// <summary>Another invocation is sending the same phase attempt's command: retried until it recorded the id.</summary>
    public const string CommandInFlight = "Wso2.CommandInFlight";

    /// <summary>An AWS service refused the request (access denied, validation): the same request gets the same answer.</summary>
    public const string RequestRejected = "Wso2.RequestRejected";
}

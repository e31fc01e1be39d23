namespace Wso2Serverless.Domain.Workflow;

/// <summary>
/// Which task errors the state machines retry. Only errors that can succeed on a second try are
/// retried; everything else (every other <c>Wso2.*</c> error, an AWS refusal such as AccessDenied
/// or ValidationError, a defect) goes straight to the Catch. Both ASL files follow this list and
/// a test holds them to it; the runtime names every exception so that it falls on the right side.
/// </summary>
public static class ErrorTaxonomy
{
    /// <summary>
    /// Lambda did not run the invocation, or it died before answering (service errors, throttling,
    /// a function timeout, a crash). The tasks are idempotent, so running one again is safe.
    /// </summary>
    public static IReadOnlyList<string> InvocationErrors { get; } =
    [
        "Lambda.ServiceException",
        "Lambda.AWSLambdaException",
        "Lambda.SdkClientException",
        "Lambda.TooManyRequestsException",
        "Lambda.ClientExecutionTimeoutException",
        "Lambda.Unknown",
        "Sandbox.Timedout",
        "Runtime.ExitError",
    ];

    /// <summary>Errors the state machines retry, each with backoff and a bounded number of attempts.</summary>
    public static IReadOnlyList<string> Retried { get; } =
        [.. InvocationErrors, WorkflowErrors.Transient, WorkflowErrors.CommandInFlight];

    /// <summary>Errors of ours that are never retried: retrying cannot change their answer.</summary>
    public static IReadOnlyList<string> NotRetried { get; } =
    [
        WorkflowErrors.InvalidInput,
        WorkflowErrors.EnvironmentBusy,
        WorkflowErrors.PreflightFailed,
        WorkflowErrors.StackFailed,
        WorkflowErrors.PuppetMasterFailed,
        WorkflowErrors.CommandFailed,
        WorkflowErrors.VerifyFailed,
        WorkflowErrors.WaitExhausted,
        WorkflowErrors.RequestRejected,
        "States.Timeout",
        "States.HeartbeatTimeout",
    ];

    public static bool IsRetried(string errorName) => Retried.Contains(errorName, StringComparer.Ordinal);
}

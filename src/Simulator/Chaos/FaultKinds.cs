namespace Wso2Serverless.Simulator.Chaos;

/// <summary>The faults <c>--chaos</c> draws, each something AWS documents; the names are the rows of the fault mix.</summary>
public static class FaultKinds
{
    /// <summary>EventBridge delivered an event more than once.</summary>
    public const string DuplicateEvent = "duplicate event";
    /// <summary>EventBridge delivered an event minutes late (and so out of order).</summary>
    public const string DelayedEvent = "delayed event";
    /// <summary>A CloudFormation or SSM status event never delivered: the wait's reconcile has to find out.</summary>
    public const string LostEvent = "lost event";
    /// <summary>An AWS request refused with ThrottlingException.</summary>
    public const string Throttle = "throttling";
    /// <summary>An AWS request answered with a 5xx before it was applied.</summary>
    public const string ServerError = "5xx";
    /// <summary>An AWS request applied, its answer lost (an indeterminate result).</summary>
    public const string LostAnswer = "lost answer";
    /// <summary>A SendTaskSuccess/Failure/Heartbeat throttled, failed or with its answer lost.</summary>
    public const string SendTaskFailure = "SendTask* failure";
    /// <summary>A Lambda invocation that died between two AWS calls (a timeout, a crash).</summary>
    public const string Crash = "Lambda crash";
    /// <summary>A run whose Puppet Master signals while the stack is being created, each signal twice.</summary>
    public const string EarlySignals = "early, duplicated Puppet Master signals";
    /// <summary>A cancel through the API at a random moment.</summary>
    public const string Cancel = "cancel";

    public static IReadOnlyList<string> All { get; } =
        [DuplicateEvent, DelayedEvent, LostEvent, Throttle, ServerError, LostAnswer, SendTaskFailure, Crash, EarlySignals, Cancel];
}

namespace Wso2Serverless.Domain.Outcomes;

/// <summary>
/// SSM Run Command statuses, for a command and for one invocation. Events spell them without
/// spaces ("TimedOut"), some API fields with ("Delivery Timed Out"): compare through
/// <see cref="Normalize"/>.
/// </summary>
public static class CommandStatuses
{
    public const string Success = "Success";

    private static readonly HashSet<string> Running = new(StringComparer.OrdinalIgnoreCase)
    {
        "Pending", "InProgress", "Delayed", "Cancelling",
    };

    private static readonly HashSet<string> Failures = new(StringComparer.OrdinalIgnoreCase)
    {
        "Failed", "TimedOut", "Cancelled", "DeliveryTimedOut", "ExecutionTimedOut", "Undeliverable",
        "Terminated", "InvalidPlatform", "AccessDenied", "NoInstancesInTag", "RateExceeded", "Incomplete",
    };

    public static string Normalize(string status) => (status ?? "").Replace(" ", "", StringComparison.Ordinal);

    public static bool IsSuccess(string status) => string.Equals(Normalize(status), Success, StringComparison.OrdinalIgnoreCase);

    public static bool IsFailure(string status) => Failures.Contains(Normalize(status));

    /// <summary>
    /// True for a final status. A status we do not know is not final: the wait then times out and
    /// Reconcile decides, which is slower but never ends a run that is still going.
    /// </summary>
    public static bool IsTerminal(string status) => IsSuccess(status) || IsFailure(status);

    public static bool IsRunning(string status) => Running.Contains(Normalize(status));
}

namespace Wso2Serverless.Functions.Scheduling;

/// <summary>The <see cref="ScheduleAction.Action"/> values.</summary>
public static class ScheduleActions
{
    public const string Started = "started";
    public const string AlreadyStarted = "already-started";
    public const string SkippedBusy = "skipped-busy";
    public const string NotDue = "not-due";
    public const string Disabled = "disabled";
    public const string Unknown = "unknown";
    public const string TeardownStarted = "teardown-started";
    public const string TeardownAlreadyStarted = "teardown-already-started";
    public const string ExpiredNothingToRemove = "expired-nothing-to-remove";
    public const string ExpiryWaitsForBusy = "expiry-waits-for-busy";
    public const string Failed = "failed";
}

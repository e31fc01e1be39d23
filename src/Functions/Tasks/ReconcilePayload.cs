using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>A timed-out wait to look at: which phase (and role), and the timeout error.</summary>
public sealed record ReconcileRequest
{
    public string? Operation { get; init; }
    public required string Phase { get; init; }
    public string? Role { get; init; }
    public required Deployment Deployment { get; init; }
    public TaskError? Timeout { get; init; }
    /// <summary>
    /// <c>$$.State.EnteredTime</c>: a duplicate invocation of one Reconcile state carries the same
    /// value, so it does not count the wait twice.
    /// </summary>
    public string? EnteredTime { get; init; }
}

/// <summary>
/// What the service said. <see cref="Outcome"/> is one of <see cref="ReconcileOutcomes"/>; on
/// Failed, <see cref="Error"/> says why in the Catch shape.
/// </summary>
public sealed record ReconcileResult(string Outcome, int Attempt, string? LastStatus, TaskError? Error);

public static class ReconcileOutcomes
{
    public const string Succeeded = "Succeeded";
    /// <summary>Still going and attempts remain: the state machine enters the wait again.</summary>
    public const string StillRunning = "StillRunning";
    public const string Failed = "Failed";
}

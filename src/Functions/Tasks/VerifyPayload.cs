using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Functions.Tasks;

public sealed record VerifyRequest
{
    public required Deployment Deployment { get; init; }

    /// <summary>
    /// <c>$$.State.EnteredTime</c>: a retried or duplicated invocation of one Verify state carries
    /// the same value and does not count as another look at the targets.
    /// </summary>
    public string? EnteredTime { get; init; }
}

/// <summary>
/// Healthy; or not yet, with <see cref="Retry"/> and the seconds the state machine waits before
/// the next look; or failed, with the problems (Catch shape) for the failure path.
/// </summary>
public sealed record VerifyResult(bool Healthy, IReadOnlyDictionary<string, string> Endpoints, TaskError? Error)
{
    public bool Retry { get; init; }
    public int WaitSeconds { get; init; }
}

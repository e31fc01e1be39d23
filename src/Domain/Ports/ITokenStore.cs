using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Domain.Ports;

/// <summary>
/// Pending task tokens by correlation key (stack id, command id, deployment + signal), and the
/// outcomes of events that arrived before their token. Whoever writes second (the task storing
/// its token, or the router storing the outcome) sees the other's half and completes the task.
/// There is no claim: Step Functions refuses a second SendTask* for a closed task (TaskTimedOut),
/// so a callback whose send failed stays deliverable by a retry or a redelivery.
/// </summary>
public interface ITokenStore
{
    /// <summary>Stores the token (a re-wait replaces the old one); returns what events left under the key before it.</summary>
    Task<TokenRegistration> RegisterAsync(string correlationKey, PendingToken token, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a final outcome for the key (the first final outcome stands) and returns the
    /// registered token with the outcome that stands. With <paramref name="onlyIfAwaited"/>
    /// nothing is written unless a token is registered, and null is returned then.
    /// </summary>
    Task<RecordedOutcome?> RecordOutcomeAsync(string correlationKey, CallbackOutcome outcome, DateTimeOffset now, bool onlyIfAwaited, CancellationToken cancellationToken);

    /// <summary>The registered token, for heartbeats and progress.</summary>
    Task<PendingToken?> GetAsync(string correlationKey, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps a progress step that arrived before its phase started (an event never opens a
    /// phase); the task moves the held steps into the phase when it starts it. Each step once.
    /// </summary>
    Task HoldStepAsync(string correlationKey, SubStep step, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>A task waiting for an event: which deployment and phase it belongs to.</summary>
public sealed record PendingToken(string TaskToken, string DeploymentId, string Phase, DateTimeOffset RegisteredAt);

/// <summary>
/// The final outcome of an awaited operation. <see cref="OutputJson"/> goes to SendTaskSuccess;
/// <see cref="Error"/> and <see cref="Cause"/> to SendTaskFailure.
/// </summary>
public sealed record CallbackOutcome(bool Succeeded, string? OutputJson, string? Error, string? Cause);

/// <summary>What a registering task finds: an outcome recorded before it, and progress steps held for its phase.</summary>
public sealed record TokenRegistration(CallbackOutcome? Outcome, IReadOnlyList<SubStep> HeldSteps);

/// <summary>After an outcome write: the registered token (if any) and the outcome that stands (the first one).</summary>
public sealed record RecordedOutcome(PendingToken? Token, CallbackOutcome Outcome);

namespace Wso2Serverless.Domain.Ports;

/// <summary>
/// Pending task tokens by correlation key (stack id, command id, deployment + signal), and the
/// outcomes of events that arrived before their token. Whoever writes second (the task storing
/// its token, or the router storing the outcome) sees the other's half and completes the task;
/// <see cref="ClaimAsync"/> makes sure that happens once per token.
/// </summary>
public interface ITokenStore
{
    /// <summary>Stores the token; returns the outcome already recorded for the key, if any.</summary>
    Task<CallbackOutcome?> RegisterAsync(string correlationKey, PendingToken token, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a final outcome for the key; returns the pending token when one is registered.
    /// A later outcome does not replace an earlier final one.
    /// </summary>
    Task<PendingToken?> RecordOutcomeAsync(string correlationKey, CallbackOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The registered token, for heartbeats and progress.</summary>
    Task<PendingToken?> GetAsync(string correlationKey, CancellationToken cancellationToken);

    /// <summary>True for exactly one caller per (key, token): that caller completes the task.</summary>
    Task<bool> ClaimAsync(string correlationKey, string taskToken, CancellationToken cancellationToken);
}

/// <summary>A task waiting for an event: which deployment and phase it belongs to.</summary>
public sealed record PendingToken(string TaskToken, string DeploymentId, string Phase, DateTimeOffset RegisteredAt);

/// <summary>
/// The final outcome of an awaited operation. <see cref="OutputJson"/> goes to SendTaskSuccess;
/// <see cref="Error"/> and <see cref="Cause"/> to SendTaskFailure.
/// </summary>
public sealed record CallbackOutcome(bool Succeeded, string? OutputJson, string? Error, string? Cause);

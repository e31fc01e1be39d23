using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Domain.Ports;

/// <summary>
/// Deployment records and their phase items. Every write that can race is conditional. The
/// records' notification outbox lives beside them (one transaction closes a record and queues
/// its notification).
/// </summary>
public interface IDeploymentStore : INotificationOutbox
{
    /// <summary>Creates the record; returns false when a record with this id already exists (a duplicate Accept).</summary>
    Task<bool> CreateAsync(DeploymentRecord record, CancellationToken cancellationToken);

    Task<DeploymentRecord?> GetAsync(string deploymentId, CancellationToken cancellationToken);

    /// <summary>Sets the execution ARN, stack id and outputs of a running record.</summary>
    Task UpdateRunningAsync(string deploymentId, string? executionArn, string? stackId, IReadOnlyDictionary<string, string>? outputs, CancellationToken cancellationToken);

    /// <summary>
    /// Closes a record that is still Running with a final status; returns false (and changes
    /// nothing) when it was already closed, so two closers never both notify.
    /// </summary>
    Task<bool> CloseAsync(string deploymentId, DeploymentStatus status, string? failedPhase, string? reason, DateTimeOffset endedAt, CancellationToken cancellationToken);

    /// <summary>An environment's deployments, newest first.</summary>
    Task<Page<DeploymentRecord>> ListByEnvironmentAsync(string environment, int limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>Writes (creates or replaces) a phase item.</summary>
    Task PutPhaseAsync(PhaseRecord phase, CancellationToken cancellationToken);

    Task<PhaseRecord?> GetPhaseAsync(string deploymentId, string phase, CancellationToken cancellationToken);

    /// <summary>Every phase of a deployment, in the order they started.</summary>
    Task<IReadOnlyList<PhaseRecord>> GetPhasesAsync(string deploymentId, CancellationToken cancellationToken);

    /// <summary>Appends a sub-step to a phase (progress signals).</summary>
    Task AddSubStepAsync(string deploymentId, string phase, SubStep step, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the right to send the command of one phase attempt. Exactly one caller gets
    /// <see cref="CommandClaimStatus.Claimed"/>; the others learn the command id once recorded.
    /// </summary>
    Task<CommandClaim> ClaimCommandAsync(string deploymentId, string phase, int attempt, DateTimeOffset now, CancellationToken cancellationToken);

    Task RecordCommandAsync(string deploymentId, string phase, int attempt, string commandId, CancellationToken cancellationToken);
}

public enum CommandClaimStatus
{
    /// <summary>The caller must send the command and then record its id.</summary>
    Claimed,
    /// <summary>Already sent; <see cref="CommandClaim.CommandId"/> says which.</summary>
    AlreadySent,
    /// <summary>Claimed by someone else who has not recorded the id yet (or crashed doing so).</summary>
    InFlight,
}

public sealed record CommandClaim(CommandClaimStatus Status, string? CommandId, DateTimeOffset? ClaimedAt);

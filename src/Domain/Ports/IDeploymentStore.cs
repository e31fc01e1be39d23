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

    /// <summary>
    /// Writes a whole phase item where none exists or the phase is still Running; a closed phase
    /// stays as it was closed. For seeding and the execution-status handler; the tasks and the
    /// router use the targeted writes below.
    /// </summary>
    Task PutPhaseAsync(PhaseRecord phase, CancellationToken cancellationToken);

    Task<PhaseRecord?> GetPhaseAsync(string deploymentId, string phase, CancellationToken cancellationToken);

    /// <summary>Every phase of a deployment, in the order they started.</summary>
    Task<IReadOnlyList<PhaseRecord>> GetPhasesAsync(string deploymentId, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a phase Running (its task is its only opener). An existing Running phase keeps its
    /// start, attempt and sub-steps and gets the detail merged; a closed phase is returned as it
    /// is and never reopened.
    /// </summary>
    Task<PhaseRecord> StartPhaseAsync(string deploymentId, string phase, DateTimeOffset startedAt, IReadOnlyDictionary<string, string>? detail, CancellationToken cancellationToken);

    /// <summary>
    /// Adds to a Running phase: detail keys, the instances' results, progress sub-steps (each
    /// once). Never creates or reopens a phase: an absent or closed one is <see cref="PhaseAppendResult.NotRunning"/>.
    /// </summary>
    Task<PhaseAppendResult> AppendToPhaseAsync(string deploymentId, string phase, PhaseAppend append, CancellationToken cancellationToken);

    /// <summary>Counts one more wait of a Running phase whose attempt is still <paramref name="expectedAttempt"/>; false otherwise.</summary>
    Task<bool> SetPhaseAttemptAsync(string deploymentId, string phase, int expectedAttempt, int attempt, IReadOnlyDictionary<string, string>? detail, CancellationToken cancellationToken);

    /// <summary>
    /// Closes a Running (or not yet written) phase with a final status and returns it; a phase
    /// already closed is returned unchanged (the first close stands).
    /// </summary>
    Task<PhaseRecord> FinishPhaseAsync(PhaseFinish finish, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the right to send the command of one phase attempt. Exactly one caller gets
    /// <see cref="CommandClaimStatus.Claimed"/>; the others learn the command id once recorded.
    /// A claim released after a failed send can be claimed again.
    /// </summary>
    Task<CommandClaim> ClaimCommandAsync(string deploymentId, string phase, int attempt, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Gives a claim back after its send failed, so the state's retry can send (it looks the command up first).</summary>
    Task ReleaseCommandAsync(string deploymentId, string phase, int attempt, string claimId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Takes over a claim whose holder vanished without sending (the claim is still <paramref name="staleClaimId"/>).</summary>
    Task<CommandClaim> TakeOverCommandAsync(string deploymentId, string phase, int attempt, string staleClaimId, DateTimeOffset now, CancellationToken cancellationToken);

    Task RecordCommandAsync(string deploymentId, string phase, int attempt, string commandId, CancellationToken cancellationToken);
}

/// <summary>What an event or a task adds to a Running phase.</summary>
public sealed record PhaseAppend
{
    public IReadOnlyDictionary<string, string>? Detail { get; init; }

    /// <summary>Replaces the phase's instances when given and not empty.</summary>
    public IReadOnlyList<InstanceResult>? Instances { get; init; }

    /// <summary>Appended in order; a step already there (same name, status and message) is not added again.</summary>
    public IReadOnlyList<SubStep> SubSteps { get; init; } = [];
}

public enum PhaseAppendResult
{
    /// <summary>Written (a sub-step given that was new is now there).</summary>
    Appended,
    /// <summary>The phase is Running but no sub-step given was new (a redelivery); any detail given was written.</summary>
    Duplicate,
    /// <summary>The phase has not started or is closed: nothing was written.</summary>
    NotRunning,
}

/// <summary>How a phase ends.</summary>
public sealed record PhaseFinish
{
    public required string DeploymentId { get; init; }
    public required string Phase { get; init; }
    public required PhaseStatus Status { get; init; }
    public required DateTimeOffset EndedAt { get; init; }
    public string? Error { get; init; }
    public IReadOnlyDictionary<string, string>? Detail { get; init; }
    /// <summary>Replaces the phase's instances when given and not empty.</summary>
    public IReadOnlyList<InstanceResult>? Instances { get; init; }
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

public sealed record CommandClaim(CommandClaimStatus Status, string? CommandId, DateTimeOffset? ClaimedAt)
{
    /// <summary>Names the holder: its own claim is recognised when the answer to it was lost, and only it can release it.</summary>
    public string? ClaimId { get; init; }

    /// <summary>An earlier send of this attempt failed or its holder vanished: look the command up before sending.</summary>
    public bool LookUpFirst { get; init; }
}

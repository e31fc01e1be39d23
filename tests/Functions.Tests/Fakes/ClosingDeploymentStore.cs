using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Notifications;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Functions.Tests.Fakes;

/// <summary>
/// Plays one race against a phase: the owning task closes it (Succeeded) while an event handler
/// is between its read and its write. A read of the phase returns what it saw before the close;
/// a write to it lands after the close. The close comes after the <c>closeAfterRead</c>-th read of
/// the phase, or before the first write to it, whichever is first.
/// </summary>
internal sealed class ClosingDeploymentStore(InMemoryDeploymentStore inner, string deploymentId, string phase, DateTimeOffset closedAt, int closeAfterRead = 1) : IDeploymentStore
{
    private int _reads;

    public bool Closed { get; private set; }

    public async Task<PhaseRecord?> GetPhaseAsync(string deploymentId, string phase, CancellationToken cancellationToken)
    {
        var read = await inner.GetPhaseAsync(deploymentId, phase, cancellationToken);
        if (deploymentId == Target.Id && phase == Target.Phase && ++_reads >= closeAfterRead)
        {
            await CloseIfTargetAsync(deploymentId, phase, cancellationToken);
        }

        return read;
    }

    public async Task PutPhaseAsync(PhaseRecord phase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phase);
        await CloseIfTargetAsync(phase.DeploymentId, phase.Phase, cancellationToken);
        await inner.PutPhaseAsync(phase, cancellationToken);
    }

    public async Task<PhaseAppendResult> AppendToPhaseAsync(string deploymentId, string phase, PhaseAppend append, CancellationToken cancellationToken)
    {
        await CloseIfTargetAsync(deploymentId, phase, cancellationToken);
        return await inner.AppendToPhaseAsync(deploymentId, phase, append, cancellationToken);
    }

    public Task<PhaseRecord> StartPhaseAsync(string deploymentId, string phase, DateTimeOffset startedAt, IReadOnlyDictionary<string, string>? detail, CancellationToken cancellationToken) =>
        inner.StartPhaseAsync(deploymentId, phase, startedAt, detail, cancellationToken);

    public Task<bool> SetPhaseAttemptAsync(string deploymentId, string phase, int expectedAttempt, int attempt, IReadOnlyDictionary<string, string>? detail, CancellationToken cancellationToken) =>
        inner.SetPhaseAttemptAsync(deploymentId, phase, expectedAttempt, attempt, detail, cancellationToken);

    public Task<PhaseRecord> FinishPhaseAsync(PhaseFinish finish, CancellationToken cancellationToken) => inner.FinishPhaseAsync(finish, cancellationToken);

    public Task ReleaseCommandAsync(string deploymentId, string phase, int attempt, string claimId, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.ReleaseCommandAsync(deploymentId, phase, attempt, claimId, now, cancellationToken);

    public Task<CommandClaim> TakeOverCommandAsync(string deploymentId, string phase, int attempt, string staleClaimId, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.TakeOverCommandAsync(deploymentId, phase, attempt, staleClaimId, now, cancellationToken);

    public Task<bool> CreateAsync(DeploymentRecord record, CancellationToken cancellationToken) => inner.CreateAsync(record, cancellationToken);

    public Task<DeploymentRecord?> GetAsync(string deploymentId, CancellationToken cancellationToken) => inner.GetAsync(deploymentId, cancellationToken);

    public Task UpdateRunningAsync(string deploymentId, string? executionArn, string? stackId, IReadOnlyDictionary<string, string>? outputs, CancellationToken cancellationToken) =>
        inner.UpdateRunningAsync(deploymentId, executionArn, stackId, outputs, cancellationToken);

    public Task<bool> CloseAsync(string deploymentId, DeploymentStatus status, string? failedPhase, string? reason, DateTimeOffset endedAt, CancellationToken cancellationToken) =>
        inner.CloseAsync(deploymentId, status, failedPhase, reason, endedAt, cancellationToken);

    public Task<Page<DeploymentRecord>> ListByEnvironmentAsync(string environment, int limit, string? cursor, CancellationToken cancellationToken) =>
        inner.ListByEnvironmentAsync(environment, limit, cursor, cancellationToken);

    public Task<IReadOnlyList<PhaseRecord>> GetPhasesAsync(string deploymentId, CancellationToken cancellationToken) => inner.GetPhasesAsync(deploymentId, cancellationToken);

    public Task<CommandClaim> ClaimCommandAsync(string deploymentId, string phase, int attempt, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.ClaimCommandAsync(deploymentId, phase, attempt, now, cancellationToken);

    public Task RecordCommandAsync(string deploymentId, string phase, int attempt, string commandId, CancellationToken cancellationToken) =>
        inner.RecordCommandAsync(deploymentId, phase, attempt, commandId, cancellationToken);

    public Task<bool> CloseAsync(RecordClosing closing, OutboxMessage? notification, CancellationToken cancellationToken) => inner.CloseAsync(closing, notification, cancellationToken);

    public Task<bool> CreateClosedAsync(DeploymentRecord record, OutboxMessage? notification, CancellationToken cancellationToken) => inner.CreateClosedAsync(record, notification, cancellationToken);

    public Task<OutboxMessage?> GetNotificationAsync(string deploymentId, CancellationToken cancellationToken) => inner.GetNotificationAsync(deploymentId, cancellationToken);

    public Task<IReadOnlyList<OutboxMessage>> ListPendingAsync(int limit, CancellationToken cancellationToken) => inner.ListPendingAsync(limit, cancellationToken);

    public Task<bool> ClaimAsync(string deploymentId, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) => inner.ClaimAsync(deploymentId, now, until, cancellationToken);

    public Task<bool> MarkSentAsync(string deploymentId, DateTimeOffset sentAt, CancellationToken cancellationToken) => inner.MarkSentAsync(deploymentId, sentAt, cancellationToken);

    public Task RecordSendFailureAsync(string deploymentId, string error, bool abandon, CancellationToken cancellationToken) => inner.RecordSendFailureAsync(deploymentId, error, abandon, cancellationToken);

    private (string Id, string Phase) Target => (deploymentId, phase);

    private async Task CloseIfTargetAsync(string id, string name, CancellationToken cancellationToken)
    {
        if (Closed || id != deploymentId || name != phase || inner.Phase(id, name) is not { Status: PhaseStatus.Running } running)
        {
            return;
        }

        Closed = true;
        await inner.FinishPhaseAsync(new PhaseFinish { DeploymentId = running.DeploymentId, Phase = running.Phase, Status = PhaseStatus.Succeeded, EndedAt = closedAt }, cancellationToken);
    }
}

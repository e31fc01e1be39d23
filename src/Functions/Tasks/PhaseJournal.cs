using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// Writes phase records for the tasks. A phase item is opened Running when its task starts and
/// closed (Succeeded / Failed) by whoever learns the outcome: Reconcile, RecordFailure, or the
/// next phase's task — the workflow only moves on when the previous wait succeeded, so any phase
/// still Running when a later one starts has succeeded. Every write is one conditional write
/// (no read-modify-write): a closed phase is never reopened, and the first close stands.
/// </summary>
public sealed class PhaseJournal(IDeploymentStore store, IClock clock)
{
    public Task<PhaseRecord?> GetAsync(string deploymentId, string phase, CancellationToken ct) =>
        store.GetPhaseAsync(deploymentId, phase, ct);

    /// <summary>Opens the phase Running (a re-entry keeps start, attempt and sub-steps); a closed phase is returned as it is.</summary>
    public Task<PhaseRecord> StartAsync(string deploymentId, string phase, IReadOnlyDictionary<string, string>? detail, CancellationToken ct) =>
        store.StartPhaseAsync(deploymentId, phase, clock.UtcNow, detail, ct);

    /// <summary>Adds detail to a Running phase (e.g. the stack id once known) without changing its status; false when it is not Running.</summary>
    public async Task<bool> AnnotateAsync(string deploymentId, string phase, IReadOnlyDictionary<string, string> detail, CancellationToken ct) =>
        await store.AppendToPhaseAsync(deploymentId, phase, new PhaseAppend { Detail = detail }, ct).ConfigureAwait(false) != PhaseAppendResult.NotRunning;

    /// <summary>Moves progress steps held before the phase started (signals during stack creation) into it.</summary>
    public Task<PhaseAppendResult> AddHeldStepsAsync(string deploymentId, string phase, IReadOnlyList<SubStep> steps, CancellationToken ct) =>
        store.AppendToPhaseAsync(deploymentId, phase, new PhaseAppend { SubSteps = steps }, ct);

    /// <summary>Counts one more wait; a duplicate that lost the race gets the phase as the winner left it.</summary>
    public async Task<PhaseRecord> SetAttemptAsync(PhaseRecord phase, int attempt, IReadOnlyDictionary<string, string>? detail, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(phase);
        if (await store.SetPhaseAttemptAsync(phase.DeploymentId, phase.Phase, phase.Attempt, attempt, detail, ct).ConfigureAwait(false))
        {
            return phase with { Attempt = attempt, Detail = Merge(phase.Detail, detail) };
        }

        return await store.GetPhaseAsync(phase.DeploymentId, phase.Phase, ct).ConfigureAwait(false) ?? phase;
    }

    /// <summary>Closes the phase with a final status; a phase already final stays as it was. Instances not yet stamped are reported now.</summary>
    public Task<PhaseRecord> FinishAsync(
        string deploymentId,
        string phase,
        PhaseStatus status,
        string? error,
        IReadOnlyDictionary<string, string>? detail,
        IReadOnlyList<InstanceResult>? instances,
        CancellationToken ct)
    {
        var now = clock.UtcNow;
        return store.FinishPhaseAsync(new PhaseFinish
        {
            DeploymentId = deploymentId,
            Phase = phase,
            Status = status,
            EndedAt = now,
            Error = error,
            Detail = detail,
            Instances = instances is null ? null : [.. instances.Select(i => i with { ReportedAt = i.ReportedAt ?? now })],
        }, ct);
    }

    /// <summary>
    /// Marks every other Running phase of the deployment Succeeded (see the class comment) and
    /// returns the current phase as the same read found it, so the caller need not read it again.
    /// </summary>
    public async Task<PhaseRecord?> CloseEarlierAsync(string deploymentId, string currentPhase, CancellationToken ct)
    {
        var phases = await store.GetPhasesAsync(deploymentId, ct).ConfigureAwait(false);
        foreach (var p in phases.Where(p => p.Status == PhaseStatus.Running && p.Phase != currentPhase))
        {
            await FinishAsync(deploymentId, p.Phase, PhaseStatus.Succeeded, null, null, null, ct).ConfigureAwait(false);
        }

        return phases.FirstOrDefault(p => p.Phase == currentPhase);
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> first, IReadOnlyDictionary<string, string>? second)
    {
        var merged = new Dictionary<string, string>(first, StringComparer.Ordinal);
        foreach (var (k, v) in second ?? new Dictionary<string, string>())
        {
            merged[k] = v;
        }

        return merged;
    }
}

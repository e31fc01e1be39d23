using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// Writes phase records. A phase item is written Running when its task starts and closed
/// (Succeeded / Failed) by whoever learns the outcome: Reconcile, RecordFailure, or the next
/// phase's task — the workflow only moves on when the previous wait succeeded, so any phase
/// still Running when a later one starts has succeeded.
/// </summary>
public sealed class PhaseJournal(IDeploymentStore store, IClock clock)
{
    public Task<PhaseRecord?> GetAsync(string deploymentId, string phase, CancellationToken ct) =>
        store.GetPhaseAsync(deploymentId, phase, ct);

    /// <summary>Writes the phase Running, keeping sub-steps a progress signal may have written first.</summary>
    public async Task<PhaseRecord> StartAsync(string deploymentId, string phase, IReadOnlyDictionary<string, string>? detail, CancellationToken ct)
    {
        var existing = await store.GetPhaseAsync(deploymentId, phase, ct).ConfigureAwait(false);
        var record = new PhaseRecord
        {
            DeploymentId = deploymentId,
            Phase = phase,
            Status = PhaseStatus.Running,
            StartedAt = existing?.StartedAt ?? clock.UtcNow,
            Attempt = existing?.Attempt ?? 1,
            Detail = Merge(existing?.Detail, detail),
            SubSteps = existing?.SubSteps ?? [],
        };
        await store.PutPhaseAsync(record, ct).ConfigureAwait(false);
        return record;
    }

    /// <summary>Adds detail to a phase (e.g. the stack id once known) without changing its status.</summary>
    public async Task<PhaseRecord?> AnnotateAsync(string deploymentId, string phase, IReadOnlyDictionary<string, string> detail, CancellationToken ct)
    {
        var existing = await store.GetPhaseAsync(deploymentId, phase, ct).ConfigureAwait(false);
        if (existing is null)
        {
            return null;
        }

        var updated = existing with { Detail = Merge(existing.Detail, detail) };
        await store.PutPhaseAsync(updated, ct).ConfigureAwait(false);
        return updated;
    }

    public async Task<PhaseRecord> SetAttemptAsync(PhaseRecord phase, int attempt, IReadOnlyDictionary<string, string>? detail, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(phase);
        var updated = phase with { Attempt = attempt, Detail = Merge(phase.Detail, detail) };
        await store.PutPhaseAsync(updated, ct).ConfigureAwait(false);
        return updated;
    }

    /// <summary>Closes the phase with a final status; a phase already final stays as it was.</summary>
    public async Task<PhaseRecord> FinishAsync(
        string deploymentId,
        string phase,
        PhaseStatus status,
        string? error,
        IReadOnlyDictionary<string, string>? detail,
        IReadOnlyList<InstanceResult>? instances,
        CancellationToken ct)
    {
        var existing = await store.GetPhaseAsync(deploymentId, phase, ct).ConfigureAwait(false);
        if (existing is not null && existing.Status != PhaseStatus.Running)
        {
            return existing;
        }

        var now = clock.UtcNow;
        var record = (existing ?? new PhaseRecord { DeploymentId = deploymentId, Phase = phase, Status = status, StartedAt = now }) with
        {
            Status = status,
            EndedAt = now,
            Error = error,
            Detail = Merge(existing?.Detail, detail),
            Instances = instances is { Count: > 0 } ? instances : existing?.Instances ?? [],
        };
        await store.PutPhaseAsync(record, ct).ConfigureAwait(false);
        return record;
    }

    /// <summary>Marks every other Running phase of the deployment Succeeded (see the class comment).</summary>
    public async Task CloseEarlierAsync(string deploymentId, string currentPhase, CancellationToken ct)
    {
        var phases = await store.GetPhasesAsync(deploymentId, ct).ConfigureAwait(false);
        foreach (var p in phases.Where(p => p.Status == PhaseStatus.Running && p.Phase != currentPhase))
        {
            await store.PutPhaseAsync(p with { Status = PhaseStatus.Succeeded, EndedAt = clock.UtcNow }, ct).ConfigureAwait(false);
        }
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string>? first, IReadOnlyDictionary<string, string>? second)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in new[] { first, second })
        {
            if (source is null)
            {
                continue;
            }

            foreach (var (k, v) in source)
            {
                merged[k] = v;
            }
        }

        return merged;
    }
}

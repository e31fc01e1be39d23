using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// Closes a failed run's phases consistently: the failed phase Failed, every phase still Running
/// before it Succeeded (the workflow only moves on after a wait succeeded), every phase still
/// Running after it Skipped (an event opened it early; the workflow never got there). Safe to
/// run again: a closed phase stays as it is.
/// </summary>
public sealed class PhaseSettler(IDeploymentStore store, IClock clock)
{
    /// <summary>
    /// The phase a run failed in, or is in, when nothing else says: the earliest Failed one in the
    /// workflow's order (a settle that was cut short), else the earliest still Running. A phase's
    /// task closes the phases before it when it starts, so a Running phase after that one can
    /// only have been opened early by an event.
    /// </summary>
    public static string? Current(IReadOnlyList<PhaseRecord> phases)
    {
        ArgumentNullException.ThrowIfNull(phases);
        var ranked = phases.Where(p => Rank(p.Phase) is not null).OrderBy(p => Rank(p.Phase)).ThenBy(p => p.StartedAt).ToList();
        return (ranked.FirstOrDefault(p => p.Status == PhaseStatus.Failed) ?? ranked.FirstOrDefault(p => p.Status == PhaseStatus.Running))?.Phase;
    }

    public async Task SettleAsync(string deploymentId, string failedPhase, string reason, CancellationToken ct)
    {
        var phases = await store.GetPhasesAsync(deploymentId, ct).ConfigureAwait(false);
        var failed = phases.FirstOrDefault(p => p.Phase == failedPhase);
        var journal = new PhaseJournal(store, clock);
        await journal.FinishAsync(deploymentId, failedPhase, PhaseStatus.Failed, reason, null, null, ct).ConfigureAwait(false);
        foreach (var phase in phases.Where(p => p.Status == PhaseStatus.Running && p.Phase != failedPhase))
        {
            if (Before(phase, failedPhase, failed?.StartedAt) is not { } before)
            {
                continue; // not a workflow phase (e.g. Cleanup): its own writer closes it
            }

            await (before
                ? journal.FinishAsync(deploymentId, phase.Phase, PhaseStatus.Succeeded, null, null, null, ct)
                : journal.FinishAsync(deploymentId, phase.Phase, PhaseStatus.Skipped, $"Not reached: the run failed in {failedPhase}", null, null, ct)).ConfigureAwait(false);
        }
    }

    /// <summary>Whether <paramref name="phase"/> comes before the failed one in the workflow; null when either is not a workflow phase.</summary>
    private static bool? Before(PhaseRecord phase, string failedPhase, DateTimeOffset? failedStartedAt)
    {
        if (Rank(phase.Phase) is not { } rank || Rank(failedPhase) is not { } failedRank)
        {
            return null;
        }

        // Agent roles share a rank and run one after the other: the earlier start came first. A
        // failed role with no item yet started after every role that has one.
        return rank != failedRank ? rank < failedRank : phase.StartedAt < (failedStartedAt ?? DateTimeOffset.MaxValue);
    }

    /// <summary>Position in the workflow (agent roles share RunPuppetAgents'; a teardown's removal sits where RemoveOld does).</summary>
    private static int? Rank(string phase)
    {
        var name = phase.Split(':')[0];
        var index = PhaseNames.Ordered.ToList().IndexOf(name == PhaseNames.Teardown ? PhaseNames.RemoveOld : name);
        return index < 0 ? null : index;
    }
}

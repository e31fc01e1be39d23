using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Cli.Follow;

/// <summary>Something that happened in a run between two polls.</summary>
public abstract record RunEvent(DateTimeOffset At);

public sealed record PhaseStarted(PhaseRecord Phase) : RunEvent(Phase.StartedAt);

/// <summary>A progress step inside a phase: a Puppet Master stage, a reconcile, ...</summary>
public sealed record SubStepArrived(PhaseRecord Phase, SubStep Step) : RunEvent(Step.At);

/// <summary>An agent node (or the Puppet Master) reported its command's result: at the time it was recorded, else when its phase ended.</summary>
public sealed record InstanceReported(PhaseRecord Phase, InstanceResult Instance) : RunEvent(Instance.ReportedAt ?? Phase.EndedAt ?? Phase.StartedAt);

public sealed record PhaseEnded(PhaseRecord Phase) : RunEvent(Phase.EndedAt ?? Phase.StartedAt);

public sealed record RunEnded(DeploymentRecord Deployment) : RunEvent(Deployment.EndedAt ?? Deployment.StartedAt);

/// <summary>Turns two snapshots of a run into what happened in between, in the order it happened.</summary>
public static class RunDiff
{
    public static IReadOnlyList<RunEvent> Between(Api.RunView? previous, Api.RunView current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var before = previous?.Phases.ToDictionary(p => p.Phase, StringComparer.Ordinal) ?? [];
        var events = new List<RunEvent>();
        foreach (var phase in current.Phases)
        {
            before.TryGetValue(phase.Phase, out var old);
            // A phase retried from scratch (a new attempt) starts again.
            if (old is null || old.Attempt != phase.Attempt && phase.Status == PhaseStatus.Running && old.Status != PhaseStatus.Running)
            {
                events.Add(new PhaseStarted(phase));
                old = null;
            }

            var seenSteps = old?.SubSteps.Count ?? 0;
            events.AddRange(phase.SubSteps.Skip(seenSteps).Select(s => new SubStepArrived(phase, s)));

            var seenInstances = old?.Instances.ToDictionary(i => i.InstanceId, StringComparer.Ordinal) ?? [];
            events.AddRange(phase.Instances
                .Where(i => !seenInstances.TryGetValue(i.InstanceId, out var was) || was.Status != i.Status)
                .Select(i => new InstanceReported(phase, i)));

            if (phase.Status != PhaseStatus.Running && (old is null || old.Status == PhaseStatus.Running))
            {
                events.Add(new PhaseEnded(phase));
            }
        }

        if (current.Deployment.Status != DeploymentStatus.Running && previous?.Deployment.Status is null or DeploymentStatus.Running)
        {
            events.Add(new RunEnded(current.Deployment));
        }

        // Stable: events of one instant keep the phase order above.
        return [.. events.Select((e, i) => (e, i)).OrderBy(x => x.e.At).ThenBy(x => x.i).Select(x => x.e)];
    }
}

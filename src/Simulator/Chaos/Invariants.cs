using Wso2Serverless.Domain.Model;
using Wso2Serverless.Simulator.Reporting;

namespace Wso2Serverless.Simulator.Chaos;

/// <summary>One broken invariant of one run: which, and what was seen.</summary>
public sealed record Violation(string Invariant, string Detail);

/// <summary>What a chaos run left behind: its plan, its report (null when the run itself did not finish, with why), and the API's answer to a cancel.</summary>
public sealed record ChaosOutcome(ChaosPlan Plan, SimulationReport? Report, string? RunError, bool CancelAccepted)
{
    /// <summary>Publishes whose sender never learnt they went out (answer lost, or it died before marking them sent): each may be repeated.</summary>
    public int UnconfirmedPublishes { get; init; }
}

/// <summary>
/// The invariants every chaos run must keep, whatever its faults. Pure: it reads a finished
/// run's report, so a crafted outcome shows it can fail.
/// </summary>
public static class Invariants
{
    public const string ExecutionEnded = "the execution ended";
    public const string RecordClosed = "the record is closed with the execution's status";
    public const string LockReleased = "the lock is released";
    public const string PhasesClosed = "every phase item is closed and agrees with the history";
    public const string OneStackOneCommand = "at most one stack and one command per phase attempt";
    public const string OneNotification = "exactly one notification";
    public const string TransientSucceeded = "a run whose faults were all transient ends as its scenario says";

    private static readonly Dictionary<string, DeploymentStatus[]> RecordFor = new(StringComparer.Ordinal)
    {
        ["SUCCEEDED"] = [DeploymentStatus.Succeeded],
        ["FAILED"] = [DeploymentStatus.Failed, DeploymentStatus.Rejected],
        ["ABORTED"] = [DeploymentStatus.Cancelled, DeploymentStatus.Aborted],
        ["TIMED_OUT"] = [DeploymentStatus.TimedOut],
    };

    /// <summary>A teardown run (through the API, or an expiry's): it closes TornDown where a deployment closes Succeeded.</summary>
    private static bool IsTeardown(string execution) =>
        execution.StartsWith("teardown-", StringComparison.Ordinal) || execution.StartsWith("expire-", StringComparison.Ordinal);

    public static IReadOnlyList<Violation> Check(ChaosOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Report is not { } report)
        {
            return [new(ExecutionEnded, outcome.RunError ?? "the run did not finish")];
        }

        var found = new List<Violation>();
        foreach (var execution in report.Executions)
        {
            Check(outcome, report, execution, found);
        }

        if (report.Executions.Count == 0)
        {
            found.Add(new(ExecutionEnded, "no execution in the report"));
        }

        return found;
    }

    private static void Check(ChaosOutcome outcome, SimulationReport report, ExecutionReport execution, List<Violation> found)
    {
        var name = execution.Name;
        if (!RecordFor.TryGetValue(execution.Status, out var allowed))
        {
            found.Add(new(ExecutionEnded, $"{name} is {execution.Status}"));
            return;
        }

        if (IsTeardown(name) && execution.Status == "SUCCEEDED")
        {
            allowed = [DeploymentStatus.TornDown];
        }

        var record = execution.Record;
        if (record is null)
        {
            found.Add(new(RecordClosed, $"{name} ended {execution.Status} with no deployment record"));
        }
        else if (!allowed.Contains(record.Status))
        {
            found.Add(new(RecordClosed, $"{name} ended {execution.Status}, its record says {record.Status} ({record.FailedPhase}: {record.Reason})"));
        }

        if (execution.Lock is { } held && held.DeploymentId == name)
        {
            found.Add(new(LockReleased, $"{execution.Environment} still locked by {name} until {held.LeaseExpiresAt:O}"));
        }

        CheckPhases(execution, record, found);
        CheckCreations(report, name, found);
        var notes = report.Notifications.Count(n => n.Message.Contains(name, StringComparison.Ordinal));
        // Exactly once, unless a publish went out unconfirmed: then at least once, one repeat per such publish.
        if (notes < 1 || notes > 1 + outcome.UnconfirmedPublishes)
        {
            found.Add(new(OneNotification, $"{name}: {notes} notifications" + (outcome.UnconfirmedPublishes > 0 ? $" ({outcome.UnconfirmedPublishes} publish(es) unconfirmed)" : "")));
        }

        CheckOutcome(outcome, execution, record, found);
    }

    private static void CheckPhases(ExecutionReport execution, DeploymentRecord? record, List<Violation> found)
    {
        var visited = execution.States.Select(s => s.State).ToHashSet(StringComparer.Ordinal);
        foreach (var phase in execution.Phases)
        {
            var state = phase.Phase.StartsWith(PhaseNames.RunPuppetAgents + ":", StringComparison.Ordinal) ? "RunPuppetAgent" : phase.Phase;
            if (phase.Status == PhaseStatus.Running)
            {
                found.Add(new(PhasesClosed, $"{execution.Name}: {phase.Phase} is still Running (attempt {phase.Attempt})"));
            }

            // A workflow phase has its state; others (the Cleanup of a failed stack) belong to no state.
            var workflow = PhaseNames.Ordered.Contains(phase.Phase.Split(':')[0]);
            if (workflow && !visited.Contains(state))
            {
                found.Add(new(PhasesClosed, $"{execution.Name}: {phase.Phase} is {phase.Status} but the execution never entered {state}"));
            }

            if (execution.Status == "SUCCEEDED" && phase.Status is not (PhaseStatus.Succeeded or PhaseStatus.Skipped))
            {
                found.Add(new(PhasesClosed, $"{execution.Name} succeeded but {phase.Phase} is {phase.Status}"));
            }

            // A failed Cleanup (the delete of a failed run's stack) is recorded on its own phase, not blamed for the run.
            if (phase.Status == PhaseStatus.Failed && workflow && record is { Status: DeploymentStatus.Failed } && record.FailedPhase != phase.Phase)
            {
                found.Add(new(PhasesClosed, $"{execution.Name}: {phase.Phase} is Failed but the record blames {record.FailedPhase}"));
            }
        }
    }

    private static void CheckCreations(SimulationReport report, string name, List<Violation> found)
    {
        var stacks = report.Stacks.Count(s => s.Tags.TryGetValue(ResourceTags.DeploymentId, out var id) && id == name);
        if (stacks > 1)
        {
            found.Add(new(OneStackOneCommand, $"{name}: {stacks} stacks"));
        }

        foreach (var group in report.Commands.Where(c => c.Comment?.Contains(name, StringComparison.Ordinal) == true).GroupBy(c => c.Comment, StringComparer.Ordinal))
        {
            if (group.Count() > 1)
            {
                found.Add(new(OneStackOneCommand, $"{group.Count()} commands for '{group.Key}': {string.Join(", ", group.Select(c => c.CommandId))}"));
            }
        }
    }

    private static void CheckOutcome(ChaosOutcome outcome, ExecutionReport execution, DeploymentRecord? record, List<Violation> found)
    {
        if (outcome.CancelAccepted)
        {
            if (execution.Status != "ABORTED" || record?.Status != DeploymentStatus.Cancelled)
            {
                found.Add(new(TransientSucceeded, $"{execution.Name}: the API accepted the cancel, yet the execution is {execution.Status} and the record {record?.Status}"));
            }

            return;
        }

        var scenario = outcome.Plan.BaseScenario;
        if (execution.Status != scenario.ExpectedStatus)
        {
            found.Add(new(TransientSucceeded, $"{execution.Name}: {scenario.Name} should end {scenario.ExpectedStatus}, ended {execution.Status} ({execution.Error}: {Short(execution.Cause)})"));
        }
        else if (scenario.ExpectedFailedPhase is { } phase && record?.FailedPhase != phase)
        {
            found.Add(new(TransientSucceeded, $"{execution.Name}: {scenario.Name} should fail at {phase}, the record blames {record?.FailedPhase} ({Short(record?.Reason)})"));
        }
    }

    private static string? Short(string? text) => text is { Length: > 200 } ? text[..200] + "…" : text;
}

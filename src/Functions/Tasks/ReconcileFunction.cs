using System.Globalization;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Outcomes;
using Wso2Serverless.Domain.Signals;
using Wso2Serverless.Domain.Workflow;
using Wso2Serverless.Functions.Hosting;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// Runs when a wait timed out: the event that should have ended it may be lost, so ask the
/// service itself (DescribeStacks, GetCommand, the signals recorded on the phase). Finished →
/// the phase is closed and the workflow moves on (or fails with the real reason); still running
/// → wait again, at most <see cref="PhaseTimeouts.MaxWaitAttempts"/> waits in all.
/// </summary>
public sealed class ReconcileFunction(FunctionServices services)
{
    private const string ReconciledAtKey = "reconciledAt";
    private const string LastStatusKey = "lastStatus";

    public async Task<ReconcileResult> HandleAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var d = request.Deployment;
        var phaseName = request.Role is { Length: > 0 } role ? PhaseNames.Agent(role) : request.Phase;
        var journal = new PhaseJournal(services.Deployments, services.Clock);
        var phase = await journal.GetAsync(d.DeploymentId, phaseName, cancellationToken).ConfigureAwait(false)
            ?? await journal.StartAsync(d.DeploymentId, phaseName, null, cancellationToken).ConfigureAwait(false);

        var (resolved, lastStatus) = await LookAsync(request, phase, cancellationToken).ConfigureAwait(false);
        if (resolved is not null)
        {
            var status = resolved.Succeeded ? PhaseStatus.Succeeded : PhaseStatus.Failed;
            await journal.FinishAsync(d.DeploymentId, phaseName, status, resolved.Reason, resolved.Detail, resolved.Instances, cancellationToken).ConfigureAwait(false);
            return resolved.Succeeded
                ? new ReconcileResult(ReconcileOutcomes.Succeeded, phase.Attempt, lastStatus, null)
                : new ReconcileResult(ReconcileOutcomes.Failed, phase.Attempt, lastStatus,
                    new TaskError(resolved.Outcome.Error ?? WorkflowErrors.StackFailed, resolved.Reason ?? resolved.Outcome.Cause));
        }

        // A duplicate invocation of the same Reconcile state must not count the wait twice.
        if (request.EnteredTime is { Length: > 0 } entered && phase.Detail.GetValueOrDefault(ReconciledAtKey) == entered)
        {
            return new ReconcileResult(ReconcileOutcomes.StillRunning, phase.Attempt, lastStatus, null);
        }

        if (phase.Attempt >= d.Timeouts.MaxWaitAttempts)
        {
            var reason = Exhausted(request, phaseName, phase.Attempt, lastStatus);
            await journal.FinishAsync(d.DeploymentId, phaseName, PhaseStatus.Failed, reason, new Dictionary<string, string> { [LastStatusKey] = lastStatus }, null, cancellationToken).ConfigureAwait(false);
            return new ReconcileResult(ReconcileOutcomes.Failed, phase.Attempt, lastStatus, new TaskError(WorkflowErrors.WaitExhausted, reason));
        }

        var detail = new Dictionary<string, string> { [LastStatusKey] = lastStatus };
        if (request.EnteredTime is { Length: > 0 } at)
        {
            detail[ReconciledAtKey] = at;
        }

        var updated = await journal.SetAttemptAsync(phase, phase.Attempt + 1, detail, cancellationToken).ConfigureAwait(false);
        return new ReconcileResult(ReconcileOutcomes.StillRunning, updated.Attempt, lastStatus, null);
    }

    private async Task<(ResolvedOutcome? Resolved, string LastStatus)> LookAsync(ReconcileRequest request, PhaseRecord phase, CancellationToken ct)
    {
        var d = request.Deployment;
        switch (request.Phase)
        {
            case PhaseNames.RemoveOld or PhaseNames.Teardown or PhaseNames.CreateStack:
            {
                var operation = request.Phase == PhaseNames.CreateStack ? StackOperation.Create : StackOperation.Delete;
                var stackId = phase.Detail.GetValueOrDefault(DetailKeys.StackId);
                var stack = await services.Stacks.DescribeStackAsync(stackId ?? d.StackName, ct).ConfigureAwait(false);
                if (stack is null)
                {
                    // Gone by name means deleted; for a create that is a failure, for a delete success.
                    var gone = StackOutcomeResolver.Resolve(operation, stackId ?? d.StackName, "DELETE_COMPLETE", null, []);
                    return (gone, "DELETE_COMPLETE");
                }

                var events = StackOutcomeResolver.IsTerminal(operation, stack.Status)
                    ? await services.Stacks.DescribeStackEventsAsync(stack.StackId, ct).ConfigureAwait(false)
                    : [];
                return (StackOutcomeResolver.Resolve(operation, stack.StackId, stack.Status, stack.StatusReason, events), stack.Status);
            }

            case PhaseNames.AwaitPuppetMaster:
            {
                var last = phase.SubSteps.Count > 0 ? phase.SubSteps[^1] : null;
                var final = phase.SubSteps.LastOrDefault(s => s.Status is PuppetMasterSignal.Ready or PuppetMasterSignal.Failed);
                var resolved = final is null
                    ? null
                    : SignalOutcomeResolver.Resolve(new PuppetMasterSignalDetail(d.DeploymentId, final.Name, final.Status, final.Message), final.At).Final;
                return (resolved, last is null ? "no signal received" : $"stage {last.Name} {last.Status}");
            }

            default:
            {
                if (!phase.Detail.TryGetValue(DetailKeys.CommandId, out var commandId))
                {
                    return (null, "command not sent yet");
                }

                var command = await services.Commands.GetCommandAsync(commandId, ct).ConfigureAwait(false);
                var role = request.Role ?? AgentRoles.PuppetMaster;
                return (CommandOutcomeResolver.Resolve(command, CommandKinds.ForPhase(phase.Phase), role), $"command {commandId} {command.Status}");
            }
        }
    }

    private static string Exhausted(ReconcileRequest request, string phaseName, int attempts, string lastStatus)
    {
        var t = request.Deployment.Timeouts;
        var seconds = request.Phase switch
        {
            PhaseNames.RemoveOld or PhaseNames.Teardown => t.RemoveOldSeconds,
            PhaseNames.CreateStack => t.CreateStackSeconds,
            PhaseNames.AwaitPuppetMaster => t.PuppetMasterSeconds,
            PhaseNames.RunDatabaseScripts => t.DatabaseScriptsSeconds,
            _ => t.AgentSeconds,
        };
        var ic = CultureInfo.InvariantCulture;
        if (request.Timeout?.Error == "States.HeartbeatTimeout")
        {
            return string.Create(ic, $"{phaseName} sent no progress for {t.PuppetMasterHeartbeatSeconds} s, {attempts} times (last status {lastStatus})");
        }

        return string.Create(ic, $"{phaseName} did not finish within {seconds * attempts} s ({attempts} waits of {seconds} s; last status {lastStatus})");
    }
}

using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Outcomes;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Workflow;
using Wso2Serverless.Functions.Hosting;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// Deletes the environment's previous stack (RemoveOld, for rebuilds; Teardown, for the
/// teardown machine) and waits for DELETE_COMPLETE. No stack means nothing to do: the wait
/// ends at once. Only a stack this orchestrator created for this environment is deleted
/// (<see cref="StackOwnership"/>): any other fails the phase with the reason.
/// </summary>
public sealed class RemoveOldStackFunction(FunctionServices services)
{
    private const int Attempt = 1;

    public async Task<WaitTaskResult> HandleAsync(WaitTaskRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var d = request.Deployment;
        var phase = string.Equals(request.Operation, AcceptFunction.Teardown, StringComparison.Ordinal) ? PhaseNames.Teardown : PhaseNames.RemoveOld;
        var waits = new WaitSupport(services);
        var journal = new PhaseJournal(services.Deployments, services.Clock);

        var opening = await waits.BeginAsync(request, phase, journal, cancellationToken).ConfigureAwait(false);
        if (opening.LeaseLost)
        {
            return new WaitTaskResult(phase, "failed", null);
        }

        var existing = opening.Existing;
        string stackId;
        string mode;
        if (existing is { Status: PhaseStatus.Running } && existing.Detail.TryGetValue(DetailKeys.StackId, out var knownId))
        {
            stackId = knownId;
            mode = "resumed";
            // The attempt that recorded the phase may have failed before (or at) its DeleteStack:
            // ask again. Same token, and a stack already deleting or deleted is left as it is.
            await services.Stacks.DeleteStackAsync(stackId, ClientRequestTokens.For(d.DeploymentId, phase, Attempt), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var stack = await services.Stacks.DescribeStackAsync(d.StackName, cancellationToken).ConfigureAwait(false);
            if (stack is null || stack.Status == "DELETE_COMPLETE")
            {
                await journal.StartAsync(d.DeploymentId, phase, new Dictionary<string, string> { [DetailKeys.StackStatus] = "absent" }, cancellationToken).ConfigureAwait(false);
                await journal.FinishAsync(d.DeploymentId, phase, PhaseStatus.Succeeded, null, null, null, cancellationToken).ConfigureAwait(false);
                await waits.SucceedAsync(request.TaskToken, "{\"stackStatus\":\"absent\"}", cancellationToken).ConfigureAwait(false);
                return new WaitTaskResult(phase, "skipped", null);
            }

            if (StackOwnership.Problem(stack, d.Environment, services.Settings.OrchestratorName) is { } cause)
            {
                await journal.StartAsync(d.DeploymentId, phase, null, cancellationToken).ConfigureAwait(false);
                await journal.FinishAsync(d.DeploymentId, phase, PhaseStatus.Failed, cause, null, null, cancellationToken).ConfigureAwait(false);
                await waits.FailAsync(request.TaskToken, WorkflowErrors.StackFailed, cause, cancellationToken).ConfigureAwait(false);
                return new WaitTaskResult(phase, "failed", null);
            }

            stackId = stack.StackId;
            mode = "started";
            await journal.StartAsync(d.DeploymentId, phase, new Dictionary<string, string> { [DetailKeys.StackId] = stackId, [DetailKeys.StackStatus] = stack.Status }, cancellationToken).ConfigureAwait(false);
            await services.Stacks.DeleteStackAsync(stackId, ClientRequestTokens.For(d.DeploymentId, phase, Attempt), cancellationToken).ConfigureAwait(false);
        }

        // The key is the old stack's id, under which its creation's outcome may still be stored:
        // register without trusting that, and look at the stack itself instead.
        var key = CorrelationKeys.Stack(stackId);
        await waits.RegisterFreshAsync(key, request.TaskToken, d.DeploymentId, phase, cancellationToken).ConfigureAwait(false);
        var now = await services.Stacks.DescribeStackAsync(stackId, cancellationToken).ConfigureAwait(false);
        var status = now?.Status ?? "DELETE_COMPLETE";
        if (StackOutcomeResolver.IsTerminal(StackOperation.Delete, status))
        {
            var events = now is null ? [] : await services.Stacks.DescribeStackEventsAsync(stackId, cancellationToken).ConfigureAwait(false);
            var resolved = StackOutcomeResolver.Resolve(StackOperation.Delete, stackId, status, now?.StatusReason, events);
            if (resolved is not null)
            {
                await waits.CompleteAsync(key, resolved.Outcome, cancellationToken).ConfigureAwait(false);
            }
        }

        return new WaitTaskResult(phase, mode, key);
    }
}

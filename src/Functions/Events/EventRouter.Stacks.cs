using Wso2Serverless.Domain.Events;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Outcomes;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Validation;
using Wso2Serverless.Functions.Tasks;
using Wso2Serverless.Runtime;

namespace Wso2Serverless.Functions.Events;

/// <summary>"CloudFormation Stack Status Change": the end of a CreateStack, RemoveOld or Teardown wait.</summary>
public sealed partial class EventRouter
{
    private async Task<RouteResult> OnStackAsync(StackStatusChangeDetail detail, IJsonLog log, CancellationToken ct)
    {
        var stackId = detail.StackId!;
        var status = detail.Status;
        var key = CorrelationKeys.Stack(stackId);
        if (ForeignStack(detail) is { } foreign)
        {
            // The rule matches the same things: this one came some other way (a replay, a test).
            return new RouteResult(RouteResult.Dropped, key, foreign);
        }

        var endsCreate = StackOutcomeResolver.IsTerminal(StackOperation.Create, status);
        var endsDelete = StackOutcomeResolver.IsTerminal(StackOperation.Delete, status);
        if (!endsCreate && !endsDelete)
        {
            return await ProgressAsync(key, status, ct).ConfigureAwait(false);
        }

        var reason = detail.StatusDetails?.StatusReason;
        var events = new StackEventsOnce(services.Stacks, stackId);
        // What stands under the key is a create wait's outcome (only create waits read an early
        // outcome; delete waits register fresh). A DELETE_* ends a create wait as a failure whose
        // culprit is the deletion itself: no events needed.
        var created = StackOutcomeResolver.Resolve(StackOperation.Create, stackId, status, reason,
            !endsDelete && !StackOutcomeResolver.IsSuccess(StackOperation.Create, status) ? await events.GetAsync(ct).ConfigureAwait(false) : [])!;
        ResolvedOutcome? ForToken(PendingToken token) =>
            StackOutcomeResolver.OperationFor(token.Phase, status) == StackOperation.Create
                ? created
                : StackOutcomeResolver.Resolve(StackOperation.Delete, stackId, status, reason, status == "DELETE_COMPLETE" ? [] : events.Loaded ?? []);
        if (endsDelete && status != "DELETE_COMPLETE")
        {
            await events.GetAsync(ct).ConfigureAwait(false); // DELETE_FAILED names its culprit for a delete wait
        }

        if (await EndAwaitedWaitAsync(key, created, ForToken, null, log, ct).ConfigureAwait(false) is { } ended)
        {
            return ended;
        }

        // No task waits yet. Ours if the stack carries our deployment tag; then the outcome waits
        // for the CreateStack task, and the detail goes on its phase.
        var stack = await services.Stacks.DescribeStackAsync(stackId, ct).ConfigureAwait(false);
        if (stack is null || !stack.Tags.TryGetValue(ResourceTags.DeploymentId, out var deploymentId))
        {
            return new RouteResult(RouteResult.Dropped, key, "stack not created by this orchestrator");
        }

        log.SetDeploymentId(deploymentId);
        var early = await RecordEarlyAsync(key, created, ForToken, null, ct).ConfigureAwait(false);
        if (early.Action == RouteResult.Recorded && StackOutcomeResolver.OperationFor(null, status) == StackOperation.Create)
        {
            await services.Deployments.AppendToPhaseAsync(deploymentId, PhaseNames.CreateStack, new PhaseAppend { Detail = created.Detail }, ct).ConfigureAwait(false);
        }

        return early;
    }

    /// <summary>
    /// Why a stack event is none of ours, from its own fields (no AWS call): a stack outside the
    /// prefix, the orchestrator's own stack, or an operation this orchestrator did not start (every
    /// one of ours carries a ClientRequestToken of <see cref="ClientRequestTokens"/>, and
    /// CloudFormation stamps it on each of the operation's events). Null when it may be ours.
    /// </summary>
    private string? ForeignStack(StackStatusChangeDetail detail)
    {
        var name = StackOutcomeResolver.StackNameOf(detail.StackId!);
        var prefix = services.Settings.StackNamePrefix;
        if (prefix.Length > 0 && !name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return $"stack name does not start with {prefix}";
        }

        if (ScopeRules.IsOrchestratorsOwn(name, services.Settings.OrchestratorName))
        {
            return "the orchestrator's own stack";
        }

        return ClientRequestTokens.IsOurs(detail.ClientRequestToken) ? null : "an operation this orchestrator did not start (client-request-token)";
    }

    /// <summary>DescribeStackEvents at most once per event, and only when a failure needs its culprit.</summary>
    private sealed class StackEventsOnce(IStackService stacks, string stackId)
    {
        public IReadOnlyList<StackEvent>? Loaded { get; private set; }

        public async Task<IReadOnlyList<StackEvent>> GetAsync(CancellationToken ct) =>
            Loaded ??= await stacks.DescribeStackEventsAsync(stackId, ct).ConfigureAwait(false);
    }
}

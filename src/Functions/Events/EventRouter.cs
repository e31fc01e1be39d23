using Wso2Serverless.Domain.Events;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Outcomes;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Signals;
using Wso2Serverless.Functions.Callbacks;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Runtime;

namespace Wso2Serverless.Functions.Events;

/// <summary>
/// Ends callback waits from the events EventBridge delivers: stack status changes, SSM command
/// status changes and Puppet Master signals. The awaited event costs three round trips: one
/// conditional UpdateItem records the outcome and returns the waiting token, one UpdateItem adds
/// the outcome's detail to the Running phase, one SendTask* ends the wait. An event that comes
/// before its token is recorded for the task to find; one we cannot correlate (AWS's sample
/// events, another tool's commands and stacks) is dropped with a log line and costs no AWS call
/// where its own fields already say it is not ours. Bad events are dropped, never thrown; AWS
/// errors do throw, so that Lambda retries the event.
/// </summary>
public sealed partial class EventRouter(FunctionServices services)
{
    private readonly TaskCompleter _completer = new(services.Tokens, services.Workflow, services.Clock);

    public static EventRouter Create(FunctionServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new EventRouter(services);
    }

    public async Task<RouteResult> RouteAsync(ReadOnlyMemory<byte> payload, IJsonLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var parsed = EventParser.Parse(payload.Span);
        var result = parsed.Event switch
        {
            null => new RouteResult(RouteResult.Dropped, Detail: parsed.DropReason),
            EventBridgeEvent<StackStatusChangeDetail> e => await OnStackAsync(e.Detail, log, cancellationToken).ConfigureAwait(false),
            EventBridgeEvent<CommandStatusChangeDetail> e => await OnCommandAsync(e.Detail, log, cancellationToken).ConfigureAwait(false),
            EventBridgeEvent<CommandInvocationStatusChangeDetail> e => await OnInvocationAsync(e.Detail, cancellationToken).ConfigureAwait(false),
            EventBridgeEvent<PuppetMasterSignalDetail> e => await OnSignalAsync(e.Detail, e.Metadata.Source, log, cancellationToken).ConfigureAwait(false),
            _ => new RouteResult(RouteResult.Dropped, Detail: $"{parsed.Event.Metadata.DetailType} is not routed here"),
        };

        var fields = new (string, object?)[]
        {
            ("action", result.Action),
            ("source", parsed.Event?.Metadata.Source),
            ("detailType", parsed.Event?.Metadata.DetailType),
            ("eventId", parsed.Event?.Metadata.Id),
            ("correlationKey", result.CorrelationKey),
            ("detail", result.Detail),
        };
        if (result.Action == RouteResult.Dropped)
        {
            log.Warn("event dropped", fields);
        }
        else
        {
            log.Info("event routed", fields);
        }

        return result;
    }

    /// <summary>
    /// The awaited event's three round trips: record the outcome where a token waits (and learn
    /// the token), add the detail to its Running phase, send the callback. Null when no task waits
    /// yet: nothing was written, the caller decides whether the event is ours (early) or not.
    /// </summary>
    private async Task<RouteResult?> EndAwaitedWaitAsync(string key, ResolvedOutcome resolved, Func<PendingToken, ResolvedOutcome?>? forToken, SubStep? step, IJsonLog log, CancellationToken ct)
    {
        var recorded = await services.Tokens.RecordOutcomeAsync(key, resolved.Outcome, services.Clock.UtcNow, onlyIfAwaited: true, ct).ConfigureAwait(false);
        if (recorded?.Token is not { } token)
        {
            return null;
        }

        log.SetDeploymentId(token.DeploymentId);
        log.SetPhase(token.Phase);
        return await DeliverAsync(key, token, recorded.Outcome, resolved, forToken, step, ct).ConfigureAwait(false);
    }

    /// <summary>Phase detail, then the callback: the record is complete before the workflow moves on.</summary>
    /// <param name="stored">What the key's outcome was resolved as; <paramref name="forToken"/> may read the event for another kind of wait.</param>
    private async Task<RouteResult> DeliverAsync(string key, PendingToken token, CallbackOutcome standing, ResolvedOutcome stored, Func<PendingToken, ResolvedOutcome?>? forToken, SubStep? step, CancellationToken ct)
    {
        var resolved = forToken is null ? stored : forToken(token);
        if (resolved is null)
        {
            // Final for another kind of wait (a create's CREATE_COMPLETE under a delete wait): progress.
            await _completer.HeartbeatAsync(token, ct).ConfigureAwait(false);
            return new RouteResult(RouteResult.Progress, key, "not final for this wait");
        }

        // The first final outcome of the stored kind stands: a later, different one (FAILED after
        // READY) changes nothing. A wait of another kind (a delete) takes this event's own reading.
        var sameKind = ReferenceEquals(resolved, stored);
        var outcome = !sameKind || (resolved.Outcome.Succeeded == standing.Succeeded && resolved.Outcome.Error == standing.Error) ? resolved.Outcome : standing;
        if (ReferenceEquals(outcome, resolved.Outcome) || step is not null)
        {
            await services.Deployments.AppendToPhaseAsync(token.DeploymentId, token.Phase, new PhaseAppend
            {
                Detail = ReferenceEquals(outcome, resolved.Outcome) ? resolved.Detail : null,
                Instances = ReferenceEquals(outcome, resolved.Outcome) ? [.. resolved.Instances.Select(i => i with { ReportedAt = services.Clock.UtcNow })] : null,
                SubSteps = step is null ? [] : [step],
            }, ct).ConfigureAwait(false);
        }

        var delivered = await _completer.DeliverAsync(token.TaskToken, outcome, ct).ConfigureAwait(false);
        return new RouteResult(delivered ? RouteResult.Completed : RouteResult.Duplicate, key, outcome.Succeeded ? "succeeded" : outcome.Cause);
    }

    /// <summary>
    /// No task waits yet, but the event is ours: record the outcome for the task to find. A token
    /// that registered since our first write is in this answer, and gets its callback now.
    /// </summary>
    private async Task<RouteResult> RecordEarlyAsync(string key, ResolvedOutcome resolved, Func<PendingToken, ResolvedOutcome?>? forToken, SubStep? step, CancellationToken ct)
    {
        var recorded = (await services.Tokens.RecordOutcomeAsync(key, resolved.Outcome, services.Clock.UtcNow, onlyIfAwaited: false, ct).ConfigureAwait(false))!;
        return recorded.Token is { } token
            ? await DeliverAsync(key, token, recorded.Outcome, resolved, forToken, step, ct).ConfigureAwait(false)
            : new RouteResult(RouteResult.Recorded, key, resolved.Succeeded ? "succeeded" : resolved.Reason);
    }

    /// <summary>Progress: heartbeat the waiting task, if any.</summary>
    private async Task<RouteResult> ProgressAsync(string key, string? what, CancellationToken ct)
    {
        if (await services.Tokens.GetAsync(key, ct).ConfigureAwait(false) is not { } token)
        {
            return new RouteResult(RouteResult.Ignored, key, $"{what}; no task waits on it");
        }

        await _completer.HeartbeatAsync(token, ct).ConfigureAwait(false);
        return new RouteResult(RouteResult.Progress, key, what);
    }

    /// <summary>RunPuppetAgents:apim → apim; the database scripts run on the Puppet Master.</summary>
    internal static string? RoleOf(string? phase) => phase switch
    {
        null => null,
        PhaseNames.RunDatabaseScripts => AgentRoles.PuppetMaster,
        _ when phase.StartsWith(PhaseNames.RunPuppetAgents + ":", StringComparison.Ordinal) => phase[(PhaseNames.RunPuppetAgents.Length + 1)..],
        _ => null,
    };
}

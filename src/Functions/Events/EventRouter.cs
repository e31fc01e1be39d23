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
/// status changes and Puppet Master signals. It finds the wait by correlation key, resolves the
/// outcome (asking CloudFormation or SSM for what the event leaves out), writes it into the
/// phase record and completes the task through <see cref="TaskCompleter"/>, which also covers
/// the event arriving before the token and the same event arriving twice.
/// Bad events are dropped with a logged reason, never thrown; AWS errors do throw, so that
/// EventBridge retries the event (and dead-letters it in the end).
/// </summary>
public sealed class EventRouter(
    IStackService stacks,
    ICommandService commands,
    IDeploymentStore deployments,
    ITokenStore tokens,
    TaskCompleter completer,
    IClock clock)
{
    public static EventRouter Create(FunctionServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new EventRouter(
            services.Stacks, services.Commands, services.Deployments, services.Tokens,
            new TaskCompleter(services.Tokens, services.Workflow, services.Clock), services.Clock);
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
            EventBridgeEvent<PuppetMasterSignalDetail> e => await OnSignalAsync(e.Detail, log, cancellationToken).ConfigureAwait(false),
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

    private async Task<RouteResult> OnStackAsync(StackStatusChangeDetail detail, IJsonLog log, CancellationToken ct)
    {
        var stackId = detail.StackId!;
        var status = detail.Status;
        var key = CorrelationKeys.Stack(stackId);
        var token = await tokens.GetAsync(key, ct).ConfigureAwait(false);
        var operation = StackOutcomeResolver.OperationFor(token?.Phase, status);
        if (!StackOutcomeResolver.IsTerminal(operation, status))
        {
            await HeartbeatAsync(token, key, ct).ConfigureAwait(false);
            return new RouteResult(RouteResult.Progress, key, status);
        }

        // The event says the stack failed but not why: the first failing resource is only in
        // the stack's events. A deleted stack is still described by its id.
        var stack = await stacks.DescribeStackAsync(stackId, ct).ConfigureAwait(false);
        var events = stack is null ? [] : await stacks.DescribeStackEventsAsync(stackId, ct).ConfigureAwait(false);
        var resolved = StackOutcomeResolver.Resolve(operation, stackId, status, detail.StatusDetails?.StatusReason ?? stack?.StatusReason, events)!;

        var deploymentId = token?.DeploymentId
            ?? (stack is not null && stack.Tags.TryGetValue(ResourceTags.DeploymentId, out var tagged) && operation == StackOperation.Create ? tagged : null);
        var phase = token?.Phase ?? (deploymentId is null ? null : PhaseNames.CreateStack);
        if (deploymentId is not null && phase is not null)
        {
            log.SetDeploymentId(deploymentId);
            log.SetPhase(phase);
            await RecordOnPhaseAsync(deploymentId, phase, resolved, ct).ConfigureAwait(false);
        }

        return await CompleteAsync(key, token, resolved, ct).ConfigureAwait(false);
    }

    private async Task<RouteResult> OnCommandAsync(CommandStatusChangeDetail detail, IJsonLog log, CancellationToken ct)
    {
        var commandId = detail.CommandId!;
        var key = CorrelationKeys.Command(commandId);
        var token = await tokens.GetAsync(key, ct).ConfigureAwait(false);
        if (!CommandStatuses.IsTerminal(detail.Status!))
        {
            await HeartbeatAsync(token, key, ct).ConfigureAwait(false);
            return new RouteResult(RouteResult.Progress, key, detail.Status);
        }

        // Exit codes and output are only in GetCommand. Its overall status can lag behind the
        // event that announced the end; the event's word on that is final.
        var command = await commands.GetCommandAsync(commandId, ct).ConfigureAwait(false);
        if (!CommandStatuses.IsTerminal(command.Status))
        {
            command = command with { Status = detail.Status! };
        }

        var resolved = CommandOutcomeResolver.Resolve(command, RoleOf(token?.Phase))!;
        if (token is not null)
        {
            log.SetDeploymentId(token.DeploymentId);
            log.SetPhase(token.Phase);
            await RecordOnPhaseAsync(token.DeploymentId, token.Phase, resolved, ct).ConfigureAwait(false);
        }

        return await CompleteAsync(key, token, resolved, ct).ConfigureAwait(false);
    }

    private async Task<RouteResult> OnInvocationAsync(CommandInvocationStatusChangeDetail detail, CancellationToken ct)
    {
        var key = CorrelationKeys.Command(detail.CommandId!);
        var token = await tokens.GetAsync(key, ct).ConfigureAwait(false);
        if (token is null)
        {
            // Without the token we cannot tell which phase the instance belongs to; the final
            // command event still carries every instance's result.
            return new RouteResult(RouteResult.Ignored, key, "no task waits on this command yet");
        }

        var step = new SubStep($"instance {detail.InstanceId}", CommandStatuses.Normalize(detail.Status!), clock.UtcNow, null);
        await deployments.AddSubStepAsync(token.DeploymentId, token.Phase, step, ct).ConfigureAwait(false);
        await HeartbeatAsync(token, key, ct).ConfigureAwait(false);
        return new RouteResult(RouteResult.Progress, key, $"{detail.InstanceId} {step.Status}");
    }

    private async Task<RouteResult> OnSignalAsync(PuppetMasterSignalDetail signal, IJsonLog log, CancellationToken ct)
    {
        var key = CorrelationKeys.PuppetMaster(signal.DeploymentId);
        var record = await deployments.GetAsync(signal.DeploymentId, ct).ConfigureAwait(false);
        if (record is null)
        {
            // Anything allowed to put events could name any id; a signal must not create phase
            // items for a deployment that does not exist.
            return new RouteResult(RouteResult.Dropped, key, "signal for an unknown deployment");
        }

        log.SetDeploymentId(signal.DeploymentId);
        log.SetPhase(PhaseNames.AwaitPuppetMaster);
        if (record.Status != DeploymentStatus.Running)
        {
            return new RouteResult(RouteResult.Ignored, key, $"deployment is {record.Status}");
        }

        var resolution = SignalOutcomeResolver.Resolve(signal, clock.UtcNow);
        var phase = await deployments.GetPhaseAsync(signal.DeploymentId, PhaseNames.AwaitPuppetMaster, ct).ConfigureAwait(false);
        var seen = phase?.SubSteps.Any(s => s.Name == resolution.Step.Name && s.Status == resolution.Step.Status && s.Message == resolution.Step.Message) ?? false;
        if (!seen)
        {
            // EventBridge delivers at least once: the same stage twice is one sub-step.
            await deployments.AddSubStepAsync(signal.DeploymentId, PhaseNames.AwaitPuppetMaster, resolution.Step, ct).ConfigureAwait(false);
        }

        var token = await tokens.GetAsync(key, ct).ConfigureAwait(false);
        if (resolution.Final is null)
        {
            await HeartbeatAsync(token, key, ct).ConfigureAwait(false);
            return new RouteResult(RouteResult.Progress, key, $"{signal.Stage} {signal.Status}");
        }

        await RecordOnPhaseAsync(signal.DeploymentId, PhaseNames.AwaitPuppetMaster, resolution.Final, ct).ConfigureAwait(false);
        return await CompleteAsync(key, token, resolution.Final, ct).ConfigureAwait(false);
    }

    private async Task<RouteResult> CompleteAsync(string key, PendingToken? tokenSeen, ResolvedOutcome resolved, CancellationToken ct)
    {
        var delivered = await completer.CompleteAsync(key, resolved.Outcome, ct).ConfigureAwait(false);
        var what = resolved.Succeeded ? "succeeded" : resolved.Reason;
        if (delivered)
        {
            return new RouteResult(RouteResult.Completed, key, what);
        }

        // A token may have registered between our read and the outcome write; the completer
        // then answered for it, so "no token seen" alone does not prove the task is absent.
        var token = tokenSeen ?? await tokens.GetAsync(key, ct).ConfigureAwait(false);
        return new RouteResult(token is null ? RouteResult.Recorded : RouteResult.Duplicate, key, what);
    }

    private async Task HeartbeatAsync(PendingToken? token, string key, CancellationToken ct)
    {
        if (token is not null)
        {
            await completer.HeartbeatAsync(key, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes the outcome's detail (and command instances) into the phase record before the task
    /// is completed, so the record is complete by the time the workflow moves on and writes the
    /// phase's end. A phase that already ended is left alone (a late duplicate event).
    /// </summary>
    private async Task RecordOnPhaseAsync(string deploymentId, string phaseName, ResolvedOutcome resolved, CancellationToken ct)
    {
        var phase = await deployments.GetPhaseAsync(deploymentId, phaseName, ct).ConfigureAwait(false);
        if (phase is null || phase.Status != PhaseStatus.Running)
        {
            return;
        }

        var detail = new Dictionary<string, string>(phase.Detail, StringComparer.Ordinal);
        foreach (var (k, v) in resolved.Detail)
        {
            detail[k] = v;
        }

        await deployments.PutPhaseAsync(phase with
        {
            Detail = detail,
            Instances = resolved.Instances.Count > 0 ? resolved.Instances : phase.Instances,
        }, ct).ConfigureAwait(false);
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

using System.Text.Json;
using Wso2Serverless.Domain.Events;
using Wso2Serverless.Domain.Metrics;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Notifications;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Functions.Outbox;
using Wso2Serverless.Functions.Tasks;
using Wso2Serverless.Runtime;

namespace Wso2Serverless.Functions.Events;

/// <summary>
/// Closes deployments whose execution ended where no Catch runs: aborted (console,
/// StopExecution), timed out (the state machine's own TimeoutSeconds), or failed outside a Catch.
/// Without it such a run would leave its record Running and its environment locked until the
/// lease ran out. The close queues the run's notification in the same transaction and sends it;
/// it is conditional, so a run the workflow already closed is neither closed nor notified twice,
/// and a publish that fails is sent by the scheduler's next tick.
/// </summary>
public sealed class ExecutionStatusHandler(
    IDeploymentStore deployments,
    ILockStore locks,
    INotifier notifier,
    IWorkflowService workflow,
    IClock clock,
    OrchestratorSettings settings)
{
    private const int MaxReasonLength = 1000;

    public static ExecutionStatusHandler Create(FunctionServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new ExecutionStatusHandler(services.Deployments, services.Locks, services.Notifier, services.Workflow, services.Clock, services.Settings);
    }

    public async Task<ExecutionStatusResult> HandleAsync(ReadOnlyMemory<byte> payload, IJsonLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var parsed = EventParser.Parse(payload.Span);
        var result = parsed.Event is EventBridgeEvent<ExecutionStatusChangeDetail> e
            ? await OnExecutionAsync(e.Detail, log, cancellationToken).ConfigureAwait(false)
            : new ExecutionStatusResult(ExecutionStatusResult.Dropped, Detail: parsed.DropReason ?? $"{parsed.Event?.Metadata.DetailType} is not an execution status change");

        var fields = new (string, object?)[] { ("action", result.Action), ("eventId", parsed.Event?.Metadata.Id), ("detail", result.Detail) };
        if (result.Action == ExecutionStatusResult.Dropped)
        {
            log.Warn("execution status event dropped", fields);
        }
        else
        {
            log.Info("execution status handled", fields);
        }

        return result;
    }

    private async Task<ExecutionStatusResult> OnExecutionAsync(ExecutionStatusChangeDetail detail, IJsonLog log, CancellationToken ct)
    {
        var deploymentId = detail.Name!;
        var status = detail.Status switch
        {
            ExecutionStatuses.Aborted => DeploymentStatus.Aborted,
            ExecutionStatuses.TimedOut => DeploymentStatus.TimedOut,
            ExecutionStatuses.Failed => DeploymentStatus.Failed,
            _ => (DeploymentStatus?)null,
        };
        if (status is null)
        {
            return new ExecutionStatusResult(ExecutionStatusResult.Ignored, deploymentId, $"status {detail.Status}");
        }

        var record = await deployments.GetAsync(deploymentId, ct).ConfigureAwait(false);
        if (record is null || (record.ExecutionArn is { } arn && arn != detail.ExecutionArn))
        {
            // Executions started outside the orchestrator (or before Accept wrote the record) have none.
            return new ExecutionStatusResult(ExecutionStatusResult.Ignored, deploymentId, "no deployment record for this execution");
        }

        log.SetDeploymentId(deploymentId);
        if (record.Status != DeploymentStatus.Running)
        {
            // Cancelled through the API (the API stops the execution after closing the record),
            // or a Catch recorded the failure: the execution has stopped now, so the phase it was
            // in is closed here (the API's close does not know it), and the lock may still be
            // held if the closer died before releasing it. Releasing is conditional on us holding it.
            await SettleStoppedAsync(record, detail, ct).ConfigureAwait(false);
            var released = await locks.ReleaseAsync(record.Environment, deploymentId, ct).ConfigureAwait(false);
            return new ExecutionStatusResult(ExecutionStatusResult.AlreadyClosed, deploymentId, released ? $"{record.Status}; lock released" : $"{record.Status}");
        }

        var reason = await ReasonAsync(detail, ct).ConfigureAwait(false);
        var endedAt = detail.Stopped ?? clock.UtcNow;
        // No Catch ran, so nothing names the phase: it is the one the workflow was in.
        var current = PhaseSettler.Current(await deployments.GetPhasesAsync(deploymentId, ct).ConfigureAwait(false));
        if (current is not null)
        {
            await new PhaseSettler(deployments, clock).SettleAsync(deploymentId, current, reason, ct).ConfigureAwait(false);
        }

        var running = record with { ExecutionArn = record.ExecutionArn ?? detail.ExecutionArn };
        var closing = new RecordClosing(deploymentId, status.Value, current, reason, endedAt);
        var closed = await new RunCloser(deployments, notifier, clock, settings).CloseAsync(running, closing, notify: true, TopicOverride(detail.Input), ct).ConfigureAwait(false);
        await locks.ReleaseAsync(record.Environment, deploymentId, ct).ConfigureAwait(false);
        if (!closed.Closed)
        {
            // Closed between our read and our write: whoever closed it announced it.
            return new ExecutionStatusResult(ExecutionStatusResult.AlreadyClosed, deploymentId, "closed concurrently");
        }

        var phases = await deployments.GetPhasesAsync(deploymentId, ct).ConfigureAwait(false);
        var failedPhase = phases.FirstOrDefault(p => p.Phase == current);
        var final = running with { Status = status.Value, EndedAt = endedAt, FailedPhase = current, Reason = reason };
        foreach (var line in EmfMetrics.ForDeployment(final, failedPhase is null ? [] : [failedPhase], clock.UtcNow))
        {
            log.Raw(line);
        }

        if (!closed.Notified)
        {
            log.Warn("deployment closed; its notification was not sent now (no topic, or the publish failed: the scheduler retries a queued one)");
        }

        return new ExecutionStatusResult(ExecutionStatusResult.Closed, deploymentId, $"{status.Value} in {current ?? "(no running phase)"}");
    }

    /// <summary>Closes what a stopped run left Running (the phase it was in when it was cancelled) with the record's reason.</summary>
    private async Task SettleStoppedAsync(DeploymentRecord record, ExecutionStatusChangeDetail detail, CancellationToken ct)
    {
        if (record.Status == DeploymentStatus.Succeeded)
        {
            return;
        }

        var phases = await deployments.GetPhasesAsync(record.DeploymentId, ct).ConfigureAwait(false);
        if (phases.Any(p => p.Status == PhaseStatus.Running) && PhaseSettler.Current(phases) is { } current)
        {
            var reason = record.Reason ?? await ReasonAsync(detail, ct).ConfigureAwait(false);
            await new PhaseSettler(deployments, clock).SettleAsync(record.DeploymentId, current, reason, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The event usually carries error and cause; when it does not, DescribeExecution may.</summary>
    private async Task<string> ReasonAsync(ExecutionStatusChangeDetail detail, CancellationToken ct)
    {
        var error = detail.Error;
        var cause = detail.Cause;
        if (string.IsNullOrEmpty(error) && string.IsNullOrEmpty(cause))
        {
            var described = await workflow.DescribeExecutionAsync(detail.ExecutionArn!, ct).ConfigureAwait(false);
            error = described?.Error;
            cause = described?.Cause;
        }

        var what = detail.Status switch
        {
            ExecutionStatuses.Aborted => "Execution aborted",
            ExecutionStatuses.TimedOut => "Execution timed out (state machine timeout)",
            _ => "Execution failed",
        };
        var why = string.Join(": ", new[] { error, cause }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var reason = why.Length == 0 ? what : $"{what}: {why}";
        return reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength] + "…";
    }

    /// <summary>
    /// A per-request topic from the execution input: <c>notification.topicArn</c> at the top or
    /// under <c>deployment</c> (names matched case-insensitively). Read leniently: an input we
    /// cannot read just means the default topic.
    /// </summary>
    internal static string? TopicOverride(string? inputJson)
    {
        if (string.IsNullOrWhiteSpace(inputJson))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(inputJson);
            var root = doc.RootElement;
            return TopicIn(root) ?? (Property(root, "deployment") is { } deployment ? TopicIn(deployment) : null);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? TopicIn(JsonElement element) =>
        Property(element, "notification") is { } notification
        && Property(notification, "topicArn") is { ValueKind: JsonValueKind.String } topic
        && topic.GetString() is { Length: > 0 } arn
            ? arn
            : null;

    private static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}

using System.Text.Json;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Notifications;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Workflow;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Functions.Outbox;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// Every failure path ends here. The route to it names the failing phase (<c>$.error.phase</c>;
/// an agent run's role comes in the Map's cause), so RecordFailure never guesses it from phase
/// items an early event may have opened. It closes that phase Failed and the others
/// consistently (<see cref="PhaseSettler"/>), closes the record as Failed with the reason,
/// applies the failure policy (delete starts a DeleteStack without waiting; keep leaves the
/// stack for debugging), releases the lock and returns the notification plus the error and
/// cause the final Fail state reports. The close queues the run's notification in the same
/// transaction and sends it (<see cref="RunCloser"/>). A record already closed (Rejected at
/// Accept) keeps its own status and reason, and was announced by Accept.
/// </summary>
public sealed class RecordFailureFunction(FunctionServices services)
{
    public const string CleanupPhase = "Cleanup";

    public async Task<CloseResult> HandleAsync(RecordFailureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var d = request.Deployment;
        var id = d?.DeploymentId ?? request.ExecutionName ?? throw new ArgumentException("record-failure needs the deployment or the execution name", nameof(request));
        var (phase, error, cause) = await FailureOfAsync(request, id, cancellationToken).ConfigureAwait(false);
        var record = await services.Deployments.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (record is { Status: DeploymentStatus.Rejected })
        {
            // Accept refused the run and announced it when it wrote the record.
            return new CloseResult(false, false, error, record.Reason ?? cause);
        }

        var closer = RunCloser.For(services);
        var now = services.Clock.UtcNow;
        if (record is null)
        {
            // Accept never got as far as the record: one is written, born Failed, so the run is still recorded and announced.
            var born = await closer.CreateClosedAsync(new DeploymentRecord
            {
                DeploymentId = id,
                Environment = d?.Environment ?? "unknown",
                StackName = d?.StackName ?? "unknown",
                Status = DeploymentStatus.Failed,
                StartedAt = d?.RequestedAt ?? now,
                EndedAt = now,
                ExecutionArn = request.ExecutionArn,
                FailedPhase = phase,
                Reason = cause,
                Notification = d?.Notification,
            }, request.DefaultTopicArn, cancellationToken).ConfigureAwait(false);
            return new CloseResult(born.Closed, born.Notified, error, cause);
        }

        await new PhaseSettler(services.Deployments, services.Clock).SettleAsync(id, phase, cause, cancellationToken).ConfigureAwait(false);
        var running = record with { Notification = record.Notification ?? d?.Notification, ExecutionArn = record.ExecutionArn ?? request.ExecutionArn };
        var closed = await closer.CloseAsync(running, new RecordClosing(id, DeploymentStatus.Failed, phase, cause, now), notify: true, request.DefaultTopicArn, cancellationToken).ConfigureAwait(false);
        if (closed.Closed)
        {
            DeploymentMetrics.Emit(services, closed.Record, closed.Phases);
        }

        if (d is { FailurePolicy: FailurePolicy.Delete })
        {
            await CleanUpAsync(d, record.StackId, phase, cancellationToken).ConfigureAwait(false);
        }

        await services.Locks.ReleaseAsync(d?.Environment ?? record.Environment, id, cancellationToken).ConfigureAwait(false);
        return new CloseResult(closed.Closed, closed.Notified, error, cause);
    }

    /// <summary>
    /// The failing phase, error and cause. The phase is the one the route named; an agent Map's
    /// failure carries the role's phase in its cause (<c>{Error, Cause, phase}</c>). Only a call
    /// that names no phase (an execution started before phases were named) falls back to the
    /// phase the run is in.
    /// </summary>
    private async Task<(string Phase, string Error, string Cause)> FailureOfAsync(RecordFailureRequest request, string id, CancellationToken ct)
    {
        var (phase, inner) = Unwrap(request.Phase, request.Error);
        var (error, cause) = Interpret(inner);
        if (phase is null or PhaseNames.RunPuppetAgents)
        {
            var phases = await services.Deployments.GetPhasesAsync(id, ct).ConfigureAwait(false);
            var candidates = phase is null ? phases : [.. phases.Where(p => p.Phase.StartsWith(PhaseNames.RunPuppetAgents + ":", StringComparison.Ordinal))];
            phase = PhaseSettler.Current(candidates) ?? phase ?? PhaseNames.Accept;
        }

        return (phase, error, cause);
    }

    /// <summary>An agent Map's failure: the cause is the iteration's <c>{Error, Cause, phase}</c> as JSON (see AgentFailureCause in the ASL).</summary>
    private static (string? Phase, TaskError? Error) Unwrap(string? phase, TaskError? error)
    {
        if (error?.Cause is not { } cause || !cause.StartsWith('{'))
        {
            return (phase, error);
        }

        try
        {
            using var doc = JsonDocument.Parse(cause);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("phase", out var named) && named.GetString() is { Length: > 0 } rolePhase
                && phase is not null && rolePhase.StartsWith(phase + ":", StringComparison.Ordinal))
            {
                var innerCause = root.TryGetProperty("Cause", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                var innerError = root.TryGetProperty("Error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
                return (rolePhase, new TaskError(innerError ?? error.Error, innerCause));
            }
        }
        catch (JsonException)
        {
            // A cause that only looks like JSON: keep it as it came.
        }

        return (phase, error);
    }

    /// <summary>
    /// The error as the Catch delivered it. A Lambda error's cause is a JSON envelope
    /// (errorMessage, errorType, stackTrace): keep the message, and the type when the error name
    /// is only a generic one. A timeout of a state that has no reconcile step gets a plain cause.
    /// </summary>
    public static (string Error, string Cause) Interpret(TaskError? error)
    {
        var name = error?.Error ?? "Wso2.Failed";
        var cause = error?.Cause ?? "";
        if (cause.StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(cause);
                var root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("errorMessage", out var message) && message.ValueKind == JsonValueKind.String)
                {
                    cause = message.GetString() ?? cause;
                    if (!name.StartsWith("Wso2.", StringComparison.Ordinal) && root.TryGetProperty("errorType", out var type) && type.ValueKind == JsonValueKind.String
                        && type.GetString() is { Length: > 0 } t && t.StartsWith("Wso2.", StringComparison.Ordinal))
                    {
                        name = t;
                    }
                }
            }
            catch (JsonException)
            {
                // Not the Lambda envelope after all: keep the cause as it came.
            }
        }

        if (cause.Length == 0)
        {
            cause = name switch
            {
                "States.Timeout" => "The step did not finish within its timeout",
                "States.HeartbeatTimeout" => "The step sent no heartbeat within its heartbeat timeout",
                _ => $"The step failed with {name}",
            };
        }

        return (name, cause);
    }

    private async Task CleanUpAsync(Deployment d, string? stackId, string failedPhase, CancellationToken ct)
    {
        // Nothing of ours to delete when the run failed before or while creating it elsewhere.
        if (stackId is null || failedPhase is PhaseNames.Accept or PhaseNames.RemoveOld or PhaseNames.Teardown)
        {
            return;
        }

        var journal = new PhaseJournal(services.Deployments, services.Clock);
        var token = ClientRequestTokens.For(d.DeploymentId, CleanupPhase, 1);
        await journal.StartAsync(d.DeploymentId, CleanupPhase, new Dictionary<string, string> { ["stackId"] = stackId, ["policy"] = "delete" }, ct).ConfigureAwait(false);
        try
        {
            await services.Stacks.DeleteStackAsync(stackId, token, ct).ConfigureAwait(false);
            await journal.FinishAsync(d.DeploymentId, CleanupPhase, PhaseStatus.Succeeded, null, new Dictionary<string, string> { ["result"] = "DeleteStack requested" }, null, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The failure must still be recorded and the lock released; a stack left behind is
            // named in the record and can be torn down on request.
            await journal.FinishAsync(d.DeploymentId, CleanupPhase, PhaseStatus.Failed, $"DeleteStack failed: {ex.Message}", null, null, ct).ConfigureAwait(false);
        }
    }
}

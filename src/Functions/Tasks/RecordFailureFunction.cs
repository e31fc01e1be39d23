using System.Text.Json;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Notifications;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Workflow;
using Wso2Serverless.Functions.Hosting;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// Every failure path ends here. It finds the failing phase (given, or the phase still Running
/// or already Failed in the store), closes that phase and the record as Failed with the reason,
/// applies the failure policy (delete starts a DeleteStack without waiting; keep leaves the
/// stack for debugging), releases the lock and returns the notification plus the error and
/// cause the final Fail state reports. A record already closed (Rejected at Accept) keeps its
/// own status and reason.
/// </summary>
public sealed class RecordFailureFunction(FunctionServices services)
{
    public const string CleanupPhase = "Cleanup";

    public async Task<NotificationResult> HandleAsync(RecordFailureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var d = request.Deployment;
        var id = d?.DeploymentId ?? request.ExecutionName ?? throw new ArgumentException("record-failure needs the deployment or the execution name", nameof(request));
        var (error, cause) = Interpret(request.Error);
        var record = await services.Deployments.GetAsync(id, cancellationToken).ConfigureAwait(false);
        var phases = await services.Deployments.GetPhasesAsync(id, cancellationToken).ConfigureAwait(false);
        var phase = request.Phase ?? FailingPhase(phases);
        var journal = new PhaseJournal(services.Deployments, services.Clock);

        if (record is { Status: DeploymentStatus.Rejected })
        {
            cause = record.Reason ?? cause;
            phase = record.FailedPhase ?? PhaseNames.Accept;
        }
        else
        {
            await journal.FinishAsync(id, phase, PhaseStatus.Failed, cause, null, null, cancellationToken).ConfigureAwait(false);
            var closedNow = await services.Deployments.CloseAsync(id, DeploymentStatus.Failed, phase, cause, services.Clock.UtcNow, cancellationToken).ConfigureAwait(false);
            if (closedNow && await services.Deployments.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } failed)
            {
                DeploymentMetrics.Emit(services, failed, await services.Deployments.GetPhasesAsync(id, cancellationToken).ConfigureAwait(false));
            }

            if (d is { FailurePolicy: FailurePolicy.Delete })
            {
                await CleanUpAsync(d, record?.StackId, phase, cancellationToken).ConfigureAwait(false);
            }

            var environment = d?.Environment ?? record?.Environment;
            if (environment is not null)
            {
                await services.Locks.ReleaseAsync(environment, id, cancellationToken).ConfigureAwait(false);
            }
        }

        var closed = await services.Deployments.GetAsync(id, cancellationToken).ConfigureAwait(false);
        var topic = Topics.Choose(d?.Notification?.TopicArn, request.DefaultTopicArn, services.Settings.TopicArn);
        if (closed is null)
        {
            // Nothing was recorded (Accept never ran to the store): still tell people why.
            var subject = NotificationComposer.SafeSubject($"WSO2 deployment {id} failed in {phase}");
            return new NotificationResult(topic.Length > 0, topic, subject, $"Deployment {id} failed in {phase}: {cause}", error, cause);
        }

        var allPhases = await services.Deployments.GetPhasesAsync(id, cancellationToken).ConfigureAwait(false);
        var note = NotificationComposer.Compose(closed, allPhases, NotificationLinks.For(services.Settings.ApiBaseUrl, id, closed.ExecutionArn ?? request.ExecutionArn), d?.Notification?.SubjectPrefix);
        return new NotificationResult(topic.Length > 0, topic, note.Subject, note.Message, error, cause);
    }

    /// <summary>
    /// The phase that failed: the last one still Running (its wait ended in failure) or already
    /// Failed; Accept when no phase was written.
    /// </summary>
    public static string FailingPhase(IReadOnlyList<PhaseRecord> phases)
    {
        ArgumentNullException.ThrowIfNull(phases);
        var open = phases.LastOrDefault(p => p.Status is PhaseStatus.Running or PhaseStatus.Failed);
        return open?.Phase ?? (phases.Count == 0 ? PhaseNames.Accept : NextAfter(phases[^1].Phase));
    }

    private static string NextAfter(string phase)
    {
        var index = PhaseNames.Ordered.ToList().IndexOf(phase.Split(':')[0]);
        return index >= 0 && index + 1 < PhaseNames.Ordered.Count ? PhaseNames.Ordered[index + 1] : phase;
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

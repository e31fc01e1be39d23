using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Notifications;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Functions.Tasks;

namespace Wso2Serverless.Functions.Outbox;

/// <summary>
/// The one way a run ends: its record's final status and its notification are written in one
/// transaction (the outbox), then the notification is sent. Whoever closes the record announces
/// the run; a closer that finds it closed already sends nothing, and whatever fails after the
/// close, the queued notification is sent by the scheduler's next tick.
/// </summary>
public sealed class RunCloser(IDeploymentStore deployments, INotifier notifier, IClock clock, OrchestratorSettings settings)
{
    public static RunCloser For(FunctionServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new RunCloser(services.Deployments, services.Notifier, services.Clock, services.Settings);
    }

    /// <summary>
    /// Closes the Running <paramref name="record"/> as <paramref name="closing"/> says; queues a
    /// notification unless <paramref name="notify"/> is false or no topic is configured.
    /// </summary>
    public async Task<RunClose> CloseAsync(DeploymentRecord record, RecordClosing closing, bool notify, string? defaultTopicArn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(closing);
        var closed = record with { Status = closing.Status, EndedAt = closing.EndedAt, FailedPhase = closing.FailedPhase, Reason = closing.Reason };
        var phases = await deployments.GetPhasesAsync(closed.DeploymentId, ct).ConfigureAwait(false);
        var message = notify ? Compose(closed, phases, defaultTopicArn) : null;
        if (!await deployments.CloseAsync(closing, message, ct).ConfigureAwait(false))
        {
            return new RunClose(false, false, closed, phases);
        }

        return new RunClose(true, message is not null && await Sender.SendHeldAsync(message, ct).ConfigureAwait(false), closed, phases);
    }

    /// <summary>Writes a record born closed (a rejection) with its notification, then sends it.</summary>
    public async Task<RunClose> CreateClosedAsync(DeploymentRecord record, string? defaultTopicArn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        var phases = await deployments.GetPhasesAsync(record.DeploymentId, ct).ConfigureAwait(false);
        var message = Compose(record, phases, defaultTopicArn);
        if (!await deployments.CreateClosedAsync(record, message, ct).ConfigureAwait(false))
        {
            return new RunClose(false, false, record, phases);
        }

        return new RunClose(true, message is not null && await Sender.SendHeldAsync(message, ct).ConfigureAwait(false), record, phases);
    }

    private OutboxSender Sender => new(deployments, notifier, clock);

    /// <summary>The notification of the record as closed; null when no topic is configured.</summary>
    private OutboxMessage? Compose(DeploymentRecord closed, IReadOnlyList<PhaseRecord> phases, string? defaultTopicArn)
    {
        var topic = Topics.Choose(closed.Notification?.TopicArn, defaultTopicArn, settings.TopicArn);
        if (topic.Length == 0)
        {
            return null;
        }

        var note = NotificationComposer.Compose(closed, phases, NotificationLinks.For(settings.ApiBaseUrl, closed.DeploymentId, closed.ExecutionArn), closed.Notification?.SubjectPrefix);
        var now = clock.UtcNow;
        return new OutboxMessage
        {
            DeploymentId = closed.DeploymentId,
            TopicArn = topic,
            Subject = note.Subject,
            Message = note.Message,
            CreatedAt = now,
            HeldUntil = now + OutboxSender.Hold,
        };
    }
}

/// <summary>
/// Whether this call closed the record, and whether the notification went out at once; with the
/// record as closed and the phases it was composed from, so a caller need not read them again.
/// </summary>
public sealed record RunClose(bool Closed, bool Notified, DeploymentRecord Record, IReadOnlyList<PhaseRecord> Phases);

using Wso2Serverless.Domain.Notifications;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Workflow;
using Wso2Serverless.Functions.Tasks;

namespace Wso2Serverless.Functions.Outbox;

/// <summary>
/// Sends queued notifications: publish, then mark sent. A closer sends the one it just queued
/// (it holds it for <see cref="Hold"/>); the scheduler's tick claims and sends every pending one
/// whose hold expired, so a publish that failed, or a closer that died after its close, still
/// gets its run announced. A failed publish never fails the caller: the message stays pending.
/// </summary>
public sealed class OutboxSender(INotificationOutbox outbox, INotifier notifier, IClock clock)
{
    /// <summary>How long a sender holds a notification: far longer than one publish, shorter than the scheduler's 5-minute tick.</summary>
    public static readonly TimeSpan Hold = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Claimed sends before a notification that keeps failing is given up (about two hours of
    /// ticks); a refusal is given up at once. Its last error stays on it.
    /// </summary>
    public const int MaxAttempts = 24;

    private const int BatchSize = 50;

    /// <summary>Publishes a notification this caller holds; true when it went out.</summary>
    public async Task<bool> SendHeldAsync(OutboxMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await notifier.PublishAsync(message.TopicArn, message.Subject, message.Message, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RememberAsync(message, ex, ct).ConfigureAwait(false);
            return false;
        }

        try
        {
            await outbox.MarkSentAsync(message.DeploymentId, clock.UtcNow, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // It went out; unmarked, a later tick sends it again (at least once beats never).
        }

        return true;
    }

    /// <summary>The scheduler's part: every pending notification nobody holds is claimed and sent.</summary>
    public async Task<IReadOnlyList<NotificationRetry>> RetryPendingAsync(CancellationToken ct)
    {
        var now = clock.UtcNow;
        var results = new List<NotificationRetry>();
        foreach (var message in await outbox.ListPendingAsync(BatchSize, ct).ConfigureAwait(false))
        {
            if (message.HeldUntil > now)
            {
                continue; // its closer is still sending it
            }

            if (!await outbox.ClaimAsync(message.DeploymentId, now, now + Hold, ct).ConfigureAwait(false))
            {
                results.Add(new NotificationRetry(message.DeploymentId, NotificationRetry.HeldElsewhere));
                continue;
            }

            var sent = await SendHeldAsync(message with { Attempts = message.Attempts + 1 }, ct).ConfigureAwait(false);
            results.Add(new NotificationRetry(message.DeploymentId, sent ? NotificationRetry.Sent : NotificationRetry.Failed));
        }

        return results;
    }

    private async Task RememberAsync(OutboxMessage message, Exception failure, CancellationToken ct)
    {
        try
        {
            // A refusal (no such topic, no permission) gets the same answer every time: given up at once.
            var abandon = message.Attempts >= MaxAttempts || TaskErrors.NameOf(failure) == WorkflowErrors.RequestRejected;
            await outbox.RecordSendFailureAsync(message.DeploymentId, $"{failure.GetType().Name}: {failure.Message}", abandon, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The message stays pending either way; the reason is only lost.
        }
    }
}

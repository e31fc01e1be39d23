using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Notifications;

namespace Wso2Serverless.Domain.Ports;

/// <summary>
/// Each run's notification, kept beside its record: it is queued in the same transaction that
/// closes the record, then sent and marked sent. Whatever fails after the close, the message
/// stays pending until a sender marks it; a claim keeps two senders apart.
/// </summary>
public interface INotificationOutbox
{
    /// <summary>
    /// Closes a Running record and, in the same transaction, queues its notification (when one is
    /// given). False, with nothing written, when the record was not Running.
    /// </summary>
    Task<bool> CloseAsync(RecordClosing closing, OutboxMessage? notification, CancellationToken cancellationToken);

    /// <summary>Creates a record born closed (a rejection) together with its notification; false, with nothing written, when the record exists.</summary>
    Task<bool> CreateClosedAsync(DeploymentRecord record, OutboxMessage? notification, CancellationToken cancellationToken);

    Task<OutboxMessage?> GetNotificationAsync(string deploymentId, CancellationToken cancellationToken);

    /// <summary>Pending notifications, oldest first (held ones included: a sender claims before it sends).</summary>
    Task<IReadOnlyList<OutboxMessage>> ListPendingAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Holds a pending notification until <paramref name="until"/> when nobody holds it at <paramref name="now"/>, counting an attempt; false otherwise.</summary>
    Task<bool> ClaimAsync(string deploymentId, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Marks a pending notification sent; false when it was not pending.</summary>
    Task<bool> MarkSentAsync(string deploymentId, DateTimeOffset sentAt, CancellationToken cancellationToken);

    /// <summary>Remembers why a send failed; <paramref name="abandon"/> gives up on it (no sender picks it again).</summary>
    Task RecordSendFailureAsync(string deploymentId, string error, bool abandon, CancellationToken cancellationToken);
}

using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Notifications;

namespace Wso2Serverless.Functions.Tests.Fakes;

/// <summary>
/// The outbox in memory, as strict as the DynamoDB transaction: a close and its notification
/// happen together or not at all (a scheduled fault fails both), only a Running record closes,
/// only a pending, unheld notification is claimed, only a pending one is marked sent.
/// </summary>
public sealed partial class InMemoryDeploymentStore
{
    private readonly Dictionary<string, OutboxMessage> _outbox = new(StringComparer.Ordinal);

    public OutboxMessage? Notification(string deploymentId)
    {
        lock (_gate)
        {
            return _outbox.GetValueOrDefault(deploymentId);
        }
    }

    public Task<bool> CloseAsync(RecordClosing closing, OutboxMessage? notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(closing);
        Faults.Enter("CloseWithNotification");
        lock (_gate)
        {
            var index = _records.FindIndex(r => r.DeploymentId == closing.DeploymentId);
            if (index < 0 || _records[index].Status != DeploymentStatus.Running || (notification is not null && _outbox.ContainsKey(closing.DeploymentId)))
            {
                return Task.FromResult(false);
            }

            _records[index] = _records[index] with { Status = closing.Status, FailedPhase = closing.FailedPhase, Reason = closing.Reason, EndedAt = closing.EndedAt };
            if (notification is not null)
            {
                _outbox[closing.DeploymentId] = notification;
            }

            return Task.FromResult(true);
        }
    }

    public Task<bool> CreateClosedAsync(DeploymentRecord record, OutboxMessage? notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        Faults.Enter("CreateClosed");
        if (record.Status == DeploymentStatus.Running || record.EndedAt is null)
        {
            throw new ArgumentException("A record born closed has a final status and an end.", nameof(record));
        }

        lock (_gate)
        {
            if (_records.Any(r => r.DeploymentId == record.DeploymentId) || (notification is not null && _outbox.ContainsKey(record.DeploymentId)))
            {
                return Task.FromResult(false);
            }

            _records.Add(record);
            if (notification is not null)
            {
                _outbox[record.DeploymentId] = notification;
            }

            return Task.FromResult(true);
        }
    }

    public Task<OutboxMessage?> GetNotificationAsync(string deploymentId, CancellationToken cancellationToken)
    {
        Faults.Enter("GetNotification");
        return Task.FromResult(Notification(deploymentId));
    }

    public Task<IReadOnlyList<OutboxMessage>> ListPendingAsync(int limit, CancellationToken cancellationToken)
    {
        Faults.Enter("ListPending");
        lock (_gate)
        {
            IReadOnlyList<OutboxMessage> pending = [.. _outbox.Values.Where(m => m.Status == OutboxStatus.Pending).OrderBy(m => m.CreatedAt).Take(limit)];
            return Task.FromResult(pending);
        }
    }

    public Task<bool> ClaimAsync(string deploymentId, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        Faults.Enter("Claim");
        return Change(deploymentId, m => m.HeldUntil <= now, m => m with { HeldUntil = until, Attempts = m.Attempts + 1 });
    }

    public Task<bool> MarkSentAsync(string deploymentId, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        Faults.Enter("MarkSent");
        return Change(deploymentId, _ => true, m => m with { Status = OutboxStatus.Sent, SentAt = sentAt });
    }

    public Task RecordSendFailureAsync(string deploymentId, string error, bool abandon, CancellationToken cancellationToken)
    {
        Faults.Enter("RecordSendFailure");
        return Change(deploymentId, _ => true, m => m with { LastError = error, Status = abandon ? OutboxStatus.Abandoned : m.Status });
    }

    /// <summary>A conditional update of a pending notification.</summary>
    private Task<bool> Change(string deploymentId, Func<OutboxMessage, bool> condition, Func<OutboxMessage, OutboxMessage> update)
    {
        lock (_gate)
        {
            if (!_outbox.TryGetValue(deploymentId, out var message) || message.Status != OutboxStatus.Pending || !condition(message))
            {
                return Task.FromResult(false);
            }

            _outbox[deploymentId] = update(message);
            return Task.FromResult(true);
        }
    }
}

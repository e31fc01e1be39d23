using System.Collections.Concurrent;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.StandIns.World;

/// <summary>SNS as far as the report needs it: every message published, in order.</summary>
public sealed class RecordingNotifier(IClock clock) : INotifier
{
    private readonly ConcurrentQueue<SentNotification> _sent = new();

    public IReadOnlyList<SentNotification> Sent => [.. _sent];

    public Task PublishAsync(string topicArn, string subject, string message, CancellationToken cancellationToken)
    {
        _sent.Enqueue(new SentNotification(clock.UtcNow, topicArn, subject, message));
        return Task.CompletedTask;
    }
}

public sealed record SentNotification(DateTimeOffset At, string TopicArn, string? Subject, string Message);

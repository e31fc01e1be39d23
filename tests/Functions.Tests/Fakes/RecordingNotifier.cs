using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Functions.Tests.Fakes;

/// <summary><see cref="INotifier"/> that keeps what was published.</summary>
public sealed class RecordingNotifier : INotifier
{
    private readonly Lock _gate = new();
    private readonly List<PublishedNotification> _published = [];

    public FaultPlan Faults { get; } = new();

    public IReadOnlyList<PublishedNotification> Published
    {
        get
        {
            lock (_gate)
            {
                return [.. _published];
            }
        }
    }

    public Task PublishAsync(string topicArn, string subject, string message, CancellationToken cancellationToken)
    {
        Faults.Enter("Publish");
        lock (_gate)
        {
            _published.Add(new PublishedNotification(topicArn, subject, message));
        }

        return Task.CompletedTask;
    }
}

public sealed record PublishedNotification(string TopicArn, string Subject, string Message);

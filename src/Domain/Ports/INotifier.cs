namespace Wso2Serverless.Domain.Ports;

/// <summary>Publishes a notification (SNS on AWS).</summary>
public interface INotifier
{
    Task PublishAsync(string topicArn, string subject, string message, CancellationToken cancellationToken);
}

using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Notifications;
using Wso2Serverless.Functions.Hosting;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// The end of a successful run: the record is closed Succeeded (TornDown for a teardown) with
/// the product URLs Verify recorded, the lock is released, and the notification is handed to
/// the state machine's SNS state. Safe to run twice: closing and releasing are conditional.
/// </summary>
public sealed class CompleteFunction(FunctionServices services)
{
    public async Task<NotificationResult> HandleAsync(CompleteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var d = request.Deployment;
        var isTeardown = string.Equals(request.Operation, AcceptFunction.Teardown, StringComparison.Ordinal);
        var journal = new PhaseJournal(services.Deployments, services.Clock);
        await journal.CloseEarlierAsync(d.DeploymentId, PhaseNames.Complete, cancellationToken).ConfigureAwait(false);
        await journal.FinishAsync(d.DeploymentId, PhaseNames.Complete, PhaseStatus.Succeeded, null, null, null, cancellationToken).ConfigureAwait(false);

        var status = isTeardown ? DeploymentStatus.TornDown : DeploymentStatus.Succeeded;
        var closedNow = await services.Deployments.CloseAsync(d.DeploymentId, status, null, null, services.Clock.UtcNow, cancellationToken).ConfigureAwait(false);
        await services.Locks.ReleaseAsync(d.Environment, d.DeploymentId, cancellationToken).ConfigureAwait(false);

        var record = await services.Deployments.GetAsync(d.DeploymentId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Deployment {d.DeploymentId} has no record");
        var phases = await services.Deployments.GetPhasesAsync(d.DeploymentId, cancellationToken).ConfigureAwait(false);
        if (closedNow)
        {
            // Only the invocation that closed the record counts it: a duplicate would double the metrics.
            DeploymentMetrics.Emit(services, record, phases);
        }

        var note = NotificationComposer.Compose(record, phases, NotificationLinks.For(services.Settings.ApiBaseUrl, d.DeploymentId, record.ExecutionArn ?? request.ExecutionArn), d.Notification?.SubjectPrefix);
        var topic = Topics.Choose(d.Notification?.TopicArn, request.DefaultTopicArn, services.Settings.TopicArn);
        var publish = topic.Length > 0 && (d.Notification?.NotifyOnSuccess ?? true);
        return new NotificationResult(publish, topic, note.Subject, note.Message);
    }
}

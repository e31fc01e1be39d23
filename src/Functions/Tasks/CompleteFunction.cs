using Wso2Serverless.Domain.Model;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Functions.Outbox;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// The end of a successful run: the record is closed Succeeded (TornDown for a teardown) with
/// the product URLs Verify recorded and, in the same transaction, its notification is queued;
/// then the notification is sent and the lock released. Safe to run twice: only the call that
/// closed the record counts it and announces it.
/// </summary>
public sealed class CompleteFunction(FunctionServices services)
{
    public async Task<CloseResult> HandleAsync(CompleteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var d = request.Deployment;
        var isTeardown = string.Equals(request.Operation, AcceptFunction.Teardown, StringComparison.Ordinal);
        var journal = new PhaseJournal(services.Deployments, services.Clock);
        await journal.CloseEarlierAsync(d.DeploymentId, PhaseNames.Complete, cancellationToken).ConfigureAwait(false);
        await journal.FinishAsync(d.DeploymentId, PhaseNames.Complete, PhaseStatus.Succeeded, null, null, null, cancellationToken).ConfigureAwait(false);

        var record = await services.Deployments.GetAsync(d.DeploymentId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Deployment {d.DeploymentId} has no record");
        var status = isTeardown ? DeploymentStatus.TornDown : DeploymentStatus.Succeeded;
        var closing = new RecordClosing(d.DeploymentId, status, null, null, services.Clock.UtcNow);
        var notify = (record.Notification ?? d.Notification)?.NotifyOnSuccess ?? true;
        var closed = await RunCloser.For(services).CloseAsync(record with { Notification = record.Notification ?? d.Notification }, closing, notify, request.DefaultTopicArn, cancellationToken).ConfigureAwait(false);
        await services.Locks.ReleaseAsync(d.Environment, d.DeploymentId, cancellationToken).ConfigureAwait(false);

        if (closed.Closed)
        {
            // Only the invocation that closed the record counts it: a duplicate would double the metrics.
            DeploymentMetrics.Emit(services, closed.Record, closed.Phases);
        }

        return new CloseResult(closed.Closed, closed.Notified);
    }
}

using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Simulator.Scenarios;

/// <summary>
/// The environment store as the scheduler function sees it when its invocation for one due time
/// runs out of time after starting the rebuild and before marking the due time (the mark's
/// write is cut off by the invocation's deadline): that call ends the invocation with the
/// cancellation a Lambda timeout causes, once. Lambda's async retry then delivers the same tick
/// again. Every other call goes to the real store.
/// </summary>
internal sealed class TimeoutWhileMarking(IEnvironmentStore inner, DateTimeOffset failingDue) : IEnvironmentStore
{
    private int _timedOut;

    public Task PutAsync(EnvironmentConfig config, CancellationToken cancellationToken) => inner.PutAsync(config, cancellationToken);

    public Task<EnvironmentConfig?> GetAsync(string environment, CancellationToken cancellationToken) => inner.GetAsync(environment, cancellationToken);

    public Task<IReadOnlyList<EnvironmentConfig>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

    public Task<bool> MarkScheduledAsync(string environment, DateTimeOffset? expectedPrevious, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        dueAt == failingDue && Interlocked.Exchange(ref _timedOut, 1) == 0
            ? throw new OperationCanceledException($"Task timed out: the invocation's deadline passed while marking {environment}'s rebuild due at {dueAt:O}.")
            : inner.MarkScheduledAsync(environment, expectedPrevious, dueAt, cancellationToken);
}

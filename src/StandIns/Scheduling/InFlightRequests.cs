namespace Wso2Serverless.StandIns.Scheduling;

/// <summary>
/// Counts HTTP requests under way through the handlers it creates, as a quiescence source: the
/// clock does not move while one is in flight. A response's body is read before the request
/// counts as done, so nothing of it is still on the wire.
/// </summary>
public sealed class InFlightRequests(Scheduler scheduler, string name) : IQuiescenceSource
{
    private long _inFlight;

    public string Name { get; } = name;

    public long Pending => Interlocked.Read(ref _inFlight);

    /// <summary>A handler that counts what passes through it to <paramref name="inner"/>.</summary>
    public DelegatingHandler CreateHandler(HttpMessageHandler inner) => new Counting(this) { InnerHandler = inner };

    private void Enter() => Interlocked.Increment(ref _inFlight);

    private void Leave()
    {
        Interlocked.Decrement(ref _inFlight);
        scheduler.Signal();
    }

    private sealed class Counting(InFlightRequests owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            owner.Enter();
            try
            {
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
                return response;
            }
            finally
            {
                owner.Leave();
            }
        }
    }
}

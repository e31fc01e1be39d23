namespace Wso2Serverless.StandIns.Scheduling;

/// <summary>
/// The HTTP requests of one client (the simulator's DynamoDB client on moto), as the scheduler
/// sees them. They go out one after another in the order flows sent them, so the server applies
/// them in an order the seed fixed; the flow that sent one parks on it
/// (<see cref="Scheduler.AwaitRequest{T}"/>), so other work may run while it is in flight; and as
/// a quiescence source they hold the clock while any is under way. A response's body is read
/// before the request counts as done, so nothing of it is still on the wire.
/// </summary>
public sealed class InFlightRequests(Scheduler scheduler, string name) : IQuiescenceSource
{
    private readonly Scheduler _scheduler = scheduler;
    private readonly object _lock = new();
    private long _inFlight;
    private Task _last = Task.CompletedTask;

    public string Name { get; } = name;

    public long Pending => Interlocked.Read(ref _inFlight);

    /// <summary>A handler that orders, parks on and counts what passes through it to <paramref name="inner"/>.</summary>
    public DelegatingHandler CreateHandler(HttpMessageHandler inner) => new InOrder(this) { InnerHandler = inner };

    private sealed class InOrder(InFlightRequests owner) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Task previous;
            lock (owner._lock)
            {
                previous = owner._last;
                owner._last = done.Task;
            }

            Interlocked.Increment(ref owner._inFlight);
            return owner._scheduler.AwaitRequest(SendAfterAsync(previous, done, request, cancellationToken), $"{owner.Name} request");
        }

        private async Task<HttpResponseMessage> SendAfterAsync(Task previous, TaskCompletionSource done, HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                await previous.ConfigureAwait(false);
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
                return response;
            }
            finally
            {
                done.TrySetResult();
                Interlocked.Decrement(ref owner._inFlight);
                owner._scheduler.Signal();
            }
        }
    }
}

using System.Diagnostics;

namespace Wso2Serverless.Simulator.Hosting;

/// <summary>
/// The real time an invocation spends waiting on the stand-ins it calls over HTTP (moto's
/// DynamoDB, the runner's Step Functions API), queueing behind other flows' requests included, so
/// the report can tell the function's own time from what the stand-ins cost. An invocation opens
/// its account with <see cref="Begin"/>; the handler put around each stand-in's transport adds to
/// the account of the invocation whose request it carries.
/// </summary>
public static class StandInTime
{
    private static readonly AsyncLocal<Account?> Current = new();

    /// <summary>Starts counting for the calling invocation (and what it awaits).</summary>
    public static Account Begin() => Current.Value = new Account();

    /// <summary>Times every request through <paramref name="transport"/> against the invocation that sent it.</summary>
    public static DelegatingHandler Around(HttpMessageHandler transport) => new Timing { InnerHandler = transport };

    /// <summary>Stand-in time of one invocation; overlapping requests each count in full.</summary>
    public sealed class Account
    {
        private long _ticks;

        public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

        internal void Add(TimeSpan elapsed) => Interlocked.Add(ref _ticks, elapsed.Ticks);
    }

    private sealed class Timing : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var account = Current.Value;
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                account?.Add(Stopwatch.GetElapsedTime(started));
            }
        }
    }
}

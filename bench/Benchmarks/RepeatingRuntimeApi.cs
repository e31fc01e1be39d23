using System.Diagnostics;
using System.Globalization;

namespace Wso2Serverless.Benchmarks;

/// <summary>
/// A Lambda Runtime API on a loopback port that hands out the same event a given number of times,
/// one after the other as Lambda does to a warm environment, and times each invocation from the
/// moment the event is handed out to the moment the answer arrives: wall time, and the CPU time
/// the function's process used in between (read from /proc at both moments, so nothing the AWS
/// stub or this server does is counted in it).
/// </summary>
internal sealed class RepeatingRuntimeApi(string eventJson) : LoopbackRuntimeApi(eventJson)
{
    /// <summary>One invocation: how long, how much CPU, and what the function posted.</summary>
    public sealed record Timed(double WallMs, double CpuMs, string Kind, string Body);

    /// <summary>Serves <paramref name="count"/> invocations; the next poll after them is left unanswered.</summary>
    /// <param name="cpuMs">The function process's CPU time so far (all threads), in ms.</param>
    /// <param name="beforeEach">Runs before each event is handed out (the bench resets the stub's counters).</param>
    public async Task<IReadOnlyList<Timed>> ServeAsync(int count, Func<double> cpuMs, Action<int> beforeEach, TimeSpan timeout)
    {
        var results = new List<Timed>(count);
        using var cancel = new CancellationTokenSource(timeout);
        var clock = new Stopwatch();
        double cpuAtStart = 0;
        while (true)
        {
            var context = await NextRequestAsync(cancel.Token).ConfigureAwait(false);
            if (IsNextPoll(context))
            {
                if (results.Count == count)
                {
                    return results; // left unanswered: the environment idles until the process is stopped
                }

                beforeEach(results.Count);
                SetInvocationHeaders(context, "warm-" + results.Count.ToString(CultureInfo.InvariantCulture), TimeSpan.FromMinutes(5), "Root=1-00000000-000000000000000000000000;Sampled=0");
                cpuAtStart = cpuMs();
                clock.Restart();
                await SendEventAsync(context, cancel.Token).ConfigureAwait(false);
                continue;
            }

            if (context.Request.HttpMethod == "POST")
            {
                var wall = clock.Elapsed.TotalMilliseconds;
                var cpu = cpuMs() - cpuAtStart;
                var (kind, body) = await ReceiveAnswerAsync(context, cancel.Token).ConfigureAwait(false);
                results.Add(new Timed(wall, cpu, kind, body));
                if (kind == "init-error")
                {
                    return results;
                }

                continue;
            }

            NotFound(context);
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace Wso2Serverless.Benchmarks;

/// <summary>
/// A Lambda Runtime API on a loopback port that hands out the same event a given number of times,
/// one after the other as Lambda does to a warm environment, and times each invocation from the
/// moment the event is handed out to the moment the answer arrives: wall time, and the CPU time
/// the function's process used in between (read from /proc at both moments, so nothing the AWS
/// stub or this server does is counted in it).
/// </summary>
internal sealed class RepeatingRuntimeApi : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly byte[] _event;

    public RepeatingRuntimeApi(string eventJson)
    {
        _event = Encoding.UTF8.GetBytes(eventJson);
        Port = Loopback.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
    }

    public int Port { get; }

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
            var context = await _listener.GetContextAsync().WaitAsync(cancel.Token).ConfigureAwait(false);
            var path = context.Request.Url!.AbsolutePath;
            if (context.Request.HttpMethod == "GET" && path.EndsWith("/invocation/next", StringComparison.Ordinal))
            {
                if (results.Count == count)
                {
                    return results; // left unanswered: the environment idles until the process is stopped
                }

                beforeEach(results.Count);
                var headers = context.Response.Headers;
                headers["Lambda-Runtime-Aws-Request-Id"] = "warm-" + results.Count.ToString(CultureInfo.InvariantCulture);
                headers["Lambda-Runtime-Deadline-Ms"] = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:123456789012:function:bench";
                headers["Lambda-Runtime-Trace-Id"] = "Root=1-00000000-000000000000000000000000;Sampled=0";
                context.Response.ContentType = "application/json";
                // With a length the answer goes out in one piece; chunked, its last small write
                // waits behind TCP's delayed acknowledgement (40 ms) on a reused connection.
                context.Response.ContentLength64 = _event.Length;
                cpuAtStart = cpuMs();
                clock.Restart();
                await context.Response.OutputStream.WriteAsync(_event, cancel.Token).ConfigureAwait(false);
                context.Response.Close();
                continue;
            }

            if (context.Request.HttpMethod == "POST")
            {
                var wall = clock.Elapsed.TotalMilliseconds;
                var cpu = cpuMs() - cpuAtStart;
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync(cancel.Token).ConfigureAwait(false);
                context.Response.StatusCode = 202;
                context.Response.Close();
                var kind = path.EndsWith("/response", StringComparison.Ordinal) ? "response"
                    : path.EndsWith("/init/error", StringComparison.Ordinal) ? "init-error"
                    : "error";
                results.Add(new Timed(wall, cpu, kind, body));
                if (kind == "init-error")
                {
                    return results;
                }

                continue;
            }

            context.Response.StatusCode = 404;
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Wso2Serverless.Benchmarks;

/// <summary>
/// Starts the function executable fresh against a local Lambda Runtime API that serves one
/// event, and measures the time from process start to the first response posted, and the
/// peak resident memory (VmHWM) at that moment. The event is one the event router drops
/// without any AWS call, so the figure is start-up plus one real dispatch, not network time.
/// </summary>
internal static class ColdStart
{
    private const string Event = """
        {"version":"0","id":"bench-1","detail-type":"Benchmark Ping","source":"bench.local","account":"123456789012","time":"2026-11-28T00:00:00Z","region":"eu-west-1","resources":[],"detail":{}}
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = int.Parse(Stats.Args(args, "--runs", "15"), CultureInfo.InvariantCulture);
        var handler = Stats.Args(args, "--handler", "event-router");
        var variants = new List<(string Name, string File, string[] Arguments)>
        {
            ("AOT", Stats.Args(args, "--aot", "artifacts/publish/bootstrap"), []),
            ("JIT", "dotnet", [Stats.Args(args, "--jit", "artifacts/jit/bootstrap.dll")]),
        };

        var medians = new Dictionary<string, (double Ms, double MemMb)>();
        foreach (var (name, file, arguments) in variants)
        {
            var times = new List<double>();
            var memory = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var (ms, kb) = await MeasureOnceAsync(file, arguments, handler).ConfigureAwait(false);
                times.Add(ms);
                memory.Add(kb / 1024.0);
            }

            medians[name] = (Stats.Median(times), Stats.Median(memory));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: runs={runs} first-response median={Stats.Median(times):F1} ms p90={Stats.Percentile(times, 90):F1} ms min={times.Min():F1} ms; peak RSS median={Stats.Median(memory):F1} MB"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio JIT/AOT (median first response): {medians["JIT"].Ms / medians["AOT"].Ms:F1}x; memory JIT/AOT: {medians["JIT"].MemMb / medians["AOT"].MemMb:F1}x"));
        return 0;
    }

    private static async Task<(double Ms, long PeakKb)> MeasureOnceAsync(string file, string[] arguments, string handler)
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();

        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["AWS_LAMBDA_RUNTIME_API"] = $"127.0.0.1:{port}";
        start.Environment["_HANDLER"] = handler;
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "bench";
        start.Environment["AWS_REGION"] = "eu-west-1";
        start.Environment["AWS_ACCESS_KEY_ID"] = "bench";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "bench";
        start.Environment["TABLE_NAME"] = "bench";

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var served = false;
            while (true)
            {
                var context = await listener.GetContextAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
                var path = context.Request.Url!.AbsolutePath;
                if (path.EndsWith("/invocation/next", StringComparison.Ordinal) && !served)
                {
                    served = true;
                    context.Response.Headers["Lambda-Runtime-Aws-Request-Id"] = "bench-request";
                    context.Response.Headers["Lambda-Runtime-Deadline-Ms"] = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                    context.Response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:eu-west-1:123456789012:function:bench";
                    context.Response.Headers["Lambda-Runtime-Trace-Id"] = "Root=1-00000000-000000000000000000000000";
                    var body = Encoding.UTF8.GetBytes(Event);
                    await context.Response.OutputStream.WriteAsync(body).ConfigureAwait(false);
                    context.Response.Close();
                }
                else if (path.Contains("/invocation/", StringComparison.Ordinal) && context.Request.HttpMethod == "POST")
                {
                    var elapsed = clock.Elapsed.TotalMilliseconds;
                    var peak = PeakKb(process.Id);
                    var ok = path.EndsWith("/response", StringComparison.Ordinal);
                    context.Response.StatusCode = 202;
                    context.Response.Close();
                    return ok ? (elapsed, peak) : throw new InvalidOperationException($"the function reported an error for the benchmark event ({path})");
                }
                else if (path.EndsWith("/init/error", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("the function failed to initialise");
                }
                else
                {
                    // A second /next: leave it hanging; we have what we came for.
                    _ = context;
                }
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    private static long PeakKb(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

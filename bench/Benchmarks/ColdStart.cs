using System.Diagnostics;

namespace Wso2Serverless.Benchmarks;

/// <summary>
/// Starts the function executable fresh against a local Runtime API that serves one event, and
/// measures process start to first response posted, and peak resident memory (VmHWM) at that
/// moment, and the CPU time the process has used by then (steadier than wall time on a shared
/// machine). The event is one the event router drops (unknown source) before any AWS call, so
/// the figure is start-up plus one real dispatch through the host, not network time.
/// AOT and JIT runs alternate, so that a burst of load on a shared machine hits both alike.
/// </summary>
internal static class ColdStart
{
    // A well-formed EventBridge envelope from a source no rule of ours sends: the router answers
    // {"action":"dropped",...}, which this bench checks, so an init failure cannot pass as fast.
    private const string Event = """
        {"version":"0","id":"bench-1","detail-type":"Benchmark Ping","source":"bench.local","account":"123456789012","time":"2026-11-28T00:00:00Z","region":"us-east-1","resources":[],"detail":{}}
        """;

    private sealed record Variant(string Name, string File, string[] Arguments)
    {
        public List<double> Ms { get; } = [];
        public List<double> InitMs { get; } = [];
        public List<double> CpuMs { get; } = [];
        public List<double> PeakMb { get; } = [];
    }

    public static async Task<int> RunAsync(Options options)
    {
        var runs = options.Int("--runs", 15);
        var handler = options.Text("--handler", "event-router");
        var jit = options.Text("--jit", "artifacts/jit/bootstrap");
        var variants = new[]
        {
            new Variant("AOT", options.Text("--aot", "artifacts/publish/bootstrap"), []),
            // A framework-dependent build runs through its apphost, or through `dotnet x.dll`.
            jit.EndsWith(".dll", StringComparison.Ordinal) ? new Variant("JIT", "dotnet", [jit]) : new Variant("JIT", jit, []),
        };
        foreach (var v in variants)
        {
            var path = v.Arguments.Length > 0 ? v.Arguments[0] : v.File;
            if (!File.Exists(path))
            {
                Out.Error($"cold-start: {path} does not exist (scripts/bench.sh builds it)");
                return 2;
            }
        }

        // One discarded run each: the first start reads the binary from disk; Lambda's own
        // code cache is warm for a function that has been deployed for a while.
        foreach (var v in variants)
        {
            await MeasureOnceAsync(v, handler).ConfigureAwait(false);
        }

        for (var i = 0; i < runs; i++)
        {
            foreach (var v in i % 2 == 0 ? variants : variants.Reverse())
            {
                var (initMs, ms, cpuMs, kb) = await MeasureOnceAsync(v, handler).ConfigureAwait(false);
                v.CpuMs.Add(cpuMs);
                v.InitMs.Add(initMs);
                v.Ms.Add(ms);
                v.PeakMb.Add(kb / 1024.0);
            }
        }

        foreach (var v in variants)
        {
            Out.Line($"cold-start {v.Name}: first response {Stats.Summary(v.Ms, "ms")}");
            Out.Line($"cold-start {v.Name}:   of which init (start to first /next) {Stats.Summary(v.InitMs, "ms")}");
            Out.Line($"cold-start {v.Name}: CPU time to first response (all threads) {Stats.Summary(v.CpuMs, "ms")}");
            Out.Line($"cold-start {v.Name}: peak RSS (VmHWM) {Stats.Summary(v.PeakMb, "MB")}");
        }

        var (aot, jitVariant) = (variants[0], variants[1]);
        var ratio = Stats.Median(jitVariant.Ms) / Stats.Median(aot.Ms);
        Out.Line($"cold-start ratio JIT/AOT: time {ratio:F1}x (target >= 10x: {(ratio >= 10 ? "met" : "NOT met")}), CPU time {Stats.Median(jitVariant.CpuMs) / Stats.Median(aot.CpuMs):F1}x, memory {Stats.Median(jitVariant.PeakMb) / Stats.Median(aot.PeakMb):F1}x");
        return 0;
    }

    private static async Task<(double InitMs, double Ms, double CpuMs, long PeakKb)> MeasureOnceAsync(Variant variant, string handler)
    {
        using var api = new OneEventRuntimeApi(Event);
        var start = new ProcessStartInfo(variant.File)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in variant.Arguments)
        {
            start.ArgumentList.Add(a);
        }

        // What Lambda sets for a provided.al2023 function; the credentials are dummies that no
        // call ever uses (the benchmark event is dropped before any AWS request).
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = $"127.0.0.1:{api.Port}";
        start.Environment["_HANDLER"] = handler;
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "bench";
        start.Environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "256";
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["AWS_ACCESS_KEY_ID"] = "bench";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "bench";
        start.Environment["TABLE_NAME"] = "bench";
        start.Environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9";

        var stderr = new System.Text.StringBuilder();
        long peak = 0;
        double answeredMs = 0;
        double initMs = 0;
        double cpuMs = 0;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {variant.File}");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var serving = api.ServeAsync(
                () => initMs = clock.Elapsed.TotalMilliseconds,
                () =>
                {
                    answeredMs = clock.Elapsed.TotalMilliseconds;
                    peak = ProcessMemory.PeakKb(process.Id);
                    cpuMs = ProcessMemory.CpuMs(process.Id);
                },
                TimeSpan.FromSeconds(60));
            var exited = process.WaitForExitAsync();
            if (await Task.WhenAny(serving, exited).ConfigureAwait(false) == exited && !serving.IsCompleted)
            {
                throw new InvalidOperationException($"{variant.Name} exited with {process.ExitCode} before answering: {stderr}");
            }

            var answer = await serving.ConfigureAwait(false);
            if (answer.Kind != "response" || !answer.Body.Contains("\"dropped\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{variant.Name} did not drop the benchmark event: {answer.Kind} {answer.Body}");
            }

            return (initMs, answeredMs, cpuMs, peak);
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
}

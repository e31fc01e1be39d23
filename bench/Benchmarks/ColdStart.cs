using System.Diagnostics;
using System.Globalization;

namespace Wso2Serverless.Benchmarks;

/// <summary>
/// Starts the function executable fresh against a local Runtime API that serves one event, and
/// measures process start to first response posted, and peak resident memory (VmHWM) at that
/// moment, and the CPU time the process has used by then (steadier than wall time on a shared
/// machine). The event is one the event router drops (unknown source) before any AWS call, so
/// the figure is start-up plus one real dispatch through the host, not network time.
/// AOT and JIT runs alternate, so that a burst of load on a shared machine hits both alike.
/// With <c>--instructions N</c> (and valgrind installed) it also counts the instructions each
/// variant executes to its first response, which do not depend on the machine's load at all.
/// Targets (issue #15): AOT CPU time at most 15 ms, JIT/AOT at least 20x in wall and CPU time.
/// </summary>
internal static class ColdStart
{
    // A well-formed EventBridge envelope from a source no rule of ours sends: the router answers
    // {"action":"dropped",...}, which this bench checks, so an init failure cannot pass as fast.
    private const string Event = """
        {"version":"0","id":"bench-1","detail-type":"Benchmark Ping","source":"bench.local","account":"123456789012","time":"2026-11-28T00:00:00Z","region":"us-east-1","resources":[],"detail":{}}
        """;

    private const double TargetRatio = 20;
    private const double TargetAotCpuMs = 15;

    private static readonly Uri Unreachable = new("http://127.0.0.1:9/");

    private sealed record Variant(string Name, string File, string[] Arguments)
    {
        public List<double> Ms { get; } = [];
        public List<double> InitMs { get; } = [];
        public List<double> CpuMs { get; } = [];
        public List<double> PeakMb { get; } = [];
        public List<double> Instructions { get; } = [];
    }

    public static async Task<int> RunAsync(Options options)
    {
        var runs = options.Int("--runs", 15);
        var instructionRuns = options.Int("--instructions", 0);
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
        var cpuRatio = Stats.Median(jitVariant.CpuMs) / Stats.Median(aot.CpuMs);
        var aotCpu = Stats.Median(aot.CpuMs);
        Out.Line($"cold-start ratio JIT/AOT: time {ratio:F1}x, CPU time {cpuRatio:F1}x (target >= {TargetRatio}x for both: {Met(ratio >= TargetRatio && cpuRatio >= TargetRatio)}), memory {Stats.Median(jitVariant.PeakMb) / Stats.Median(aot.PeakMb):F1}x");
        Out.Line($"cold-start AOT CPU time to first response: median {aotCpu:F1} ms (target <= {TargetAotCpuMs} ms: {Met(aotCpu <= TargetAotCpuMs)})");
        var met = ratio >= TargetRatio && cpuRatio >= TargetRatio && aotCpu <= TargetAotCpuMs;

        if (instructionRuns > 0)
        {
            foreach (var v in variants)
            {
                for (var i = 0; i < instructionRuns; i++)
                {
                    v.Instructions.Add(await InstructionsOnceAsync(v, handler).ConfigureAwait(false));
                }

                Out.Line($"cold-start {v.Name}: instructions to first response (callgrind) {Stats.Summary([.. v.Instructions.Select(n => n / 1e6)], "M", "F2")}");
            }

            Out.Line($"cold-start ratio JIT/AOT: instructions {Stats.Median(jitVariant.Instructions) / Stats.Median(aot.Instructions):F1}x");
        }

        return met ? 0 : 1;
    }

    private static string Met(bool met) => met ? "met" : "NOT met";

    private static async Task<(double InitMs, double Ms, double CpuMs, long PeakKb)> MeasureOnceAsync(Variant variant, string handler)
    {
        using var api = new OneEventRuntimeApi(Event);
        long peak = 0;
        double answeredMs = 0;
        double initMs = 0;
        double cpuMs = 0;
        var clock = Stopwatch.StartNew();
        // The benchmark event is dropped before any AWS request: the endpoint is never dialled.
        using var lambda = LambdaProcess.Start(variant.File, variant.Arguments, api.Port, handler, Unreachable);
        var process = lambda.Process;
        var serving = api.ServeAsync(
            () => initMs = clock.Elapsed.TotalMilliseconds,
            () =>
            {
                answeredMs = clock.Elapsed.TotalMilliseconds;
                peak = ProcessMemory.PeakKb(process.Id);
                cpuMs = ProcessMemory.CpuMs(process.Id);
            },
            TimeSpan.FromSeconds(60));
        await AnswerAsync(variant.Name, lambda, serving).ConfigureAwait(false);
        return (initMs, answeredMs, cpuMs, peak);
    }

    /// <summary>
    /// Instructions executed from exec to the first response, counted by callgrind (valgrind), which
    /// counts the same on a busy machine as on an idle one. The process is stopped with SIGTERM when
    /// its answer arrives, so the count includes a short orderly exit. The binary runs from a
    /// directory of its own: valgrind cannot read the DWARF 5 symbols file published beside it.
    /// </summary>
    private static async Task<double> InstructionsOnceAsync(Variant variant, string handler)
    {
        var directory = Directory.CreateTempSubdirectory("bench-callgrind-");
        try
        {
            var program = variant.File;
            if (File.Exists(variant.File + ".dbg"))
            {
                program = Path.Combine(directory.FullName, Path.GetFileName(variant.File));
                File.Copy(variant.File, program);
            }

            var output = Path.Combine(directory.FullName, "callgrind.out");
            using var api = new OneEventRuntimeApi(Event);
            using var lambda = LambdaProcess.Start("valgrind", ["--tool=callgrind", $"--callgrind-out-file={output}", program, .. variant.Arguments], api.Port, handler, Unreachable);
            var serving = api.ServeAsync(static () => { }, () => Terminate(lambda.Process.Id), TimeSpan.FromMinutes(5));
            await AnswerAsync(variant.Name, lambda, serving).ConfigureAwait(false);
            await lambda.Process.WaitForExitAsync().ConfigureAwait(false);
            var totals = File.ReadLines(output).FirstOrDefault(static l => l.StartsWith("totals:", StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"callgrind wrote no totals for {variant.Name}: {lambda.Output}");
            return double.Parse(totals["totals:".Length..].Trim(), CultureInfo.InvariantCulture);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Waits for the answer, checks it is the router's "dropped" and not an init failure.</summary>
    private static async Task<OneEventRuntimeApi.Answer> AnswerAsync(string name, LambdaProcess lambda, Task<OneEventRuntimeApi.Answer> serving)
    {
        var exited = lambda.Process.WaitForExitAsync();
        if (await Task.WhenAny(serving, exited).ConfigureAwait(false) == exited && !serving.IsCompleted)
        {
            throw new InvalidOperationException($"{name} exited with {lambda.Process.ExitCode} before answering: {lambda.Output}");
        }

        var answer = await serving.ConfigureAwait(false);
        if (answer.Kind != "response" || !answer.Body.Contains("\"dropped\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{name} did not drop the benchmark event: {answer.Kind} {answer.Body}");
        }

        return answer;
    }

    /// <summary>SIGTERM (the runtime exits in order and callgrind writes its counts); Process.Kill would be SIGKILL.</summary>
    private static void Terminate(int pid)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
        kill?.WaitForExit();
    }
}

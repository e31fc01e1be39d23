using System.Diagnostics;

namespace Wso2Serverless.Benchmarks;

/// <summary>
/// Wall time of a whole simulate run, from process start to exit (moto, the ASL runner and the
/// run itself), over several runs after the build: what someone typing the command waits.
/// </summary>
internal static class SimulateTime
{
    public static async Task<int> RunAsync(Options options)
    {
        if (options.Command(redirectOutput: true) is not { } start)
        {
            Out.Error($"simulate-time: give the command after --");
            return 2;
        }

        var runs = options.Int("--runs", 5);
        var target = options.Number("--target-seconds", double.PositiveInfinity);
        var seconds = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
            await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
            await process.WaitForExitAsync().ConfigureAwait(false);
            seconds.Add(watch.Elapsed.TotalSeconds);
            if (process.ExitCode != 0)
            {
                Out.Line($"simulate-time: run {i + 1} exited {process.ExitCode}");
                return 1;
            }
        }

        Out.Line($"simulate-time wall per run (s): {Stats.Summary(seconds, "s", "F2")}");
        if (!double.IsPositiveInfinity(target))
        {
            var met = Stats.Median(seconds) <= target;
            Out.Line($"simulate-time target: median at most {target:F0} s: {(met ? "met" : "NOT met")}");
            return met ? 0 : 1;
        }

        return 0;
    }
}

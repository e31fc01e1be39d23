using System.Diagnostics;

namespace Wso2Serverless.Benchmarks;

/// <summary>
/// Runs a command and samples the resident memory of its whole process tree (simulator, moto_server,
/// the Node ASL runner) every few milliseconds. /usr/bin/time reports only the largest single
/// process; what a machine must hold is the sum, at its highest. The sum is of PSS, so pages
/// shared between processes count once; the per-command figures are plain RSS peaks.
/// </summary>
internal static class TreeMemory
{
    public static async Task<int> RunAsync(Options options)
    {
        var interval = TimeSpan.FromMilliseconds(options.Int("--sample-ms", 20));
        var log = options.Text("--log", "");
        if (options.Command(redirectOutput: log.Length > 0) is not { } start)
        {
            Out.Error($"measure: give the command after --");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        Task copy = Task.CompletedTask;
        if (log.Length > 0)
        {
            var file = File.Create(log);
            copy = process.StandardOutput.BaseStream.CopyToAsync(file).ContinueWith(_ => file.Dispose(), TaskScheduler.Default);
        }

        long peakTotalKb = 0;
        var peakCount = 0;
        var peakByName = new Dictionary<string, long>(StringComparer.Ordinal);
        var samples = 0;
        while (!process.HasExited)
        {
            long total = 0;
            var byName = new Dictionary<string, long>(StringComparer.Ordinal);
            var tree = ProcessMemory.Tree(process.Id);
            foreach (var (pid, name) in tree)
            {
                total += ProcessMemory.ProportionalKb(pid);
                byName[name] = byName.GetValueOrDefault(name) + ProcessMemory.ResidentKb(pid);
            }

            samples++;
            if (total > peakTotalKb)
            {
                peakTotalKb = total;
                peakCount = tree.Count;
            }

            foreach (var (name, kb) in byName)
            {
                peakByName[name] = Math.Max(peakByName.GetValueOrDefault(name), kb);
            }

            await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(interval)).ConfigureAwait(false);
        }

        await process.WaitForExitAsync().ConfigureAwait(false);
        await copy.ConfigureAwait(false);
        var wall = clock.Elapsed.TotalSeconds;
        Out.Line($"measure wall {wall:F1} s, exit code {process.ExitCode}");
        Out.Line($"measure peak memory of the process tree (sum of PSS): {peakTotalKb / 1024.0:F0} MB over {peakCount} processes ({samples} samples every {interval.TotalMilliseconds:F0} ms)");
        Out.Line($"measure peak RSS by command: {string.Join(", ", peakByName.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value / 1024.0:F0} MB"))}");
        return process.ExitCode;
    }
}

namespace Wso2Serverless.Benchmarks;

/// <summary>
/// What a many-environment run must show: every deployment succeeded, no lock is left behind,
/// every record is complete (final status, end time, stack, and every phase of the happy path
/// ended successfully), no wait timed out (on the virtual clock a busy machine cannot make one),
/// and, with <c>--target-seconds</c>, the wall time is within it.
/// </summary>
internal static class ScaleCheck
{
    private static readonly string[] HappyPhases =
        ["Accept", "CreateStack", "AwaitPuppetMaster", "RunDatabaseScripts", "RunPuppetAgents:apim", "RunPuppetAgents:mi", "Verify", "Complete"];

    public static int Run(Options options)
    {
        var report = SimulateReport.Load(options.Text("--report", "artifacts/bench/simulate-scale.json"));
        var expected = options.Int("--environments", report.Executions.Count);
        var wall = options.Number("--wall-seconds", report.RealSeconds);
        var target = options.Number("--target-seconds", double.PositiveInfinity);

        var n = report.Executions.Count;
        var succeeded = report.Executions.Count(e => e.Status == "SUCCEEDED");
        var locks = report.Executions.Where(e => e.LockHeld).Select(e => e.Environment).ToList();
        var incomplete = report.Executions.Where(e => Problem(e) is not null).Select(e => $"{e.Environment}: {Problem(e)}").ToList();
        var timeouts = report.Executions.Sum(e => e.States.Count(s => s.Error == "States.Timeout"));
        var environments = report.Executions.Select(e => e.Environment).Distinct(StringComparer.Ordinal).Count();

        Out.Line($"scale {n} deployment(s) in {environments} environment(s): wall {wall:F1} s (simulator's own {report.RealSeconds:F1} s), throughput {n / (wall / 60):F1} deployments/min (seed {report.Seed})");
        // The world's own phase durations set a floor (a deployment cannot end before its stack is
        // up); how far each execution ran past it, in simulated minutes, is the orchestration's share.
        var minutes = report.Executions.Select(e => (e.EndedAt - e.StartedAt).TotalMinutes).ToList();
        Out.Line($"scale execution duration (simulated minutes): {Stats.Summary(minutes, "min")}");
        Out.Line($"scale succeeded {succeeded}/{n}; locks left {locks.Count}; incomplete records {incomplete.Count}; wait timeouts (reconciled) {timeouts}");
        foreach (var line in incomplete.Take(10))
        {
            Out.Line($"scale   incomplete {line}");
        }

        if (locks.Count > 0)
        {
            Out.Line($"scale   locks left: {string.Join(", ", locks)}");
        }

        if (!double.IsPositiveInfinity(target))
        {
            Out.Line($"scale target: {n} environments in at most {target:F0} s of wall time with no wait timeout: {(wall <= target && timeouts == 0 ? "met" : "NOT met")}");
        }

        var ok = n == expected && succeeded == n && locks.Count == 0 && incomplete.Count == 0 && timeouts == 0 && wall <= target;
        Out.Line($"scale checks: {(ok ? "all passed" : "FAILED")}");
        return ok ? 0 : 1;
    }

    private static string? Problem(SimExecution e)
    {
        if (e.Record is not { } record)
        {
            return "no deployment record";
        }

        if (record.Status != "Succeeded" || record.EndedAt is null || string.IsNullOrEmpty(record.StackId))
        {
            return $"record {record.Status}, ended {(record.EndedAt is null ? "never" : "yes")}, stack {(string.IsNullOrEmpty(record.StackId) ? "none" : "set")}";
        }

        foreach (var phase in HappyPhases)
        {
            var p = e.Phases.FirstOrDefault(x => x.Phase == phase);
            if (p is null)
            {
                return $"phase {phase} missing";
            }

            if (p.Status != "Succeeded" || p.EndedAt is null)
            {
                return $"phase {phase} {p.Status}{(p.EndedAt is null ? ", not ended" : "")}";
            }
        }

        return null;
    }
}

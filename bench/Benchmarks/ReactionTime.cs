namespace Wso2Serverless.Benchmarks;

/// <summary>
/// How quickly the workflow moves on when an awaited event arrives: from the event router's
/// invocation for that event (the simulated EventBridge delivering it) to the next Lambda
/// invocation of the same execution (the next task starting), in real milliseconds.
/// </summary>
/// <remarks>
/// The report links neither a router invocation to its event nor an event to its execution, so
/// both are rebuilt: an event belongs to an execution through its stack id, SSM command id or
/// deployment id (as the phase records hold them); the awaited event of a callback wait is the
/// last such event published while the wait's Task state was active; its arrival is the first
/// router invocation that started at least half of EventBridge's simulated latency after it was
/// published. With many environments at once another event's delivery can come first, which
/// makes a figure longer, never shorter: the heuristic errs on the slow side.
/// </remarks>
internal static class ReactionTime
{
    private static readonly TimeSpan EventLatency = TimeSpan.FromSeconds(1);

    public static int Run(Options options)
    {
        var paths = options.All("--report");
        if (paths.Count == 0)
        {
            Out.Error($"reaction: give at least one --report FILE");
            return 2;
        }

        var total = new List<double>();
        var toCallback = new List<double>();
        var toNextTask = new List<double>();
        var routerOwn = new List<double>();
        var unmatched = 0;
        foreach (var path in paths)
        {
            var report = SimulateReport.Load(path);
            var routerCalls = report.Invocations.Where(i => i.Function == "event-router").OrderBy(i => i.At).ToList();
            // The runner reports state times in whole real milliseconds: one ms of slack each side.
            var slack = TimeSpan.FromMilliseconds(report.Scale);
            foreach (var execution in report.Executions)
            {
                var ids = CorrelationIds(execution);
                var events = report.Events
                    .Where(e => e.Outcome == "delivered" && e.Target == "event-router" && Belongs(e, execution.Name, ids))
                    .OrderBy(e => e.At)
                    .ToList();
                var tasks = report.Invocations.Where(i => i.Execution == execution.Name).OrderBy(i => i.At).ToList();
                foreach (var wait in execution.States.Where(s => s.Type == "Task" && s.Error is null && s.ExitedAt is not null))
                {
                    var awaited = events.LastOrDefault(e => e.At >= wait.EnteredAt - slack && e.At <= wait.ExitedAt!.Value + slack);
                    if (awaited is null)
                    {
                        continue; // not a callback wait (Accept, Verify, ...) or its event came before it
                    }

                    var arrival = routerCalls.FirstOrDefault(r => r.At >= awaited.At + (EventLatency / 2) && r.At <= wait.ExitedAt!.Value + slack);
                    var next = arrival is null ? null : tasks.FirstOrDefault(t => t.At >= arrival.At);
                    if (arrival is null || next is null)
                    {
                        unmatched++;
                        continue;
                    }

                    total.Add(report.RealMs(next.At - arrival.At));
                    routerOwn.Add(arrival.RealMs);
                    toCallback.Add(Math.Max(0, report.RealMs(wait.ExitedAt!.Value - arrival.At)));
                    toNextTask.Add(Math.Max(0, report.RealMs(next.At - wait.ExitedAt!.Value)));
                }
            }
        }

        Out.Line($"reaction event arrival -> next task start (real ms): {Stats.Summary(total, "ms")}");
        Out.Line($"reaction   arrival -> wait state ended (router + SendTaskSuccess, 1 ms resolution): {Stats.Summary(toCallback, "ms")}");
        Out.Line($"reaction   the router invocation's own duration (its DynamoDB calls on moto, the callback): {Stats.Summary(routerOwn, "ms")}");
        Out.Line($"reaction   wait ended -> next task invoked (ASL engine + Lambda endpoint, 1 ms resolution): {Stats.Summary(toNextTask, "ms")}");
        Out.Line($"reaction awaited events matched: {total.Count}, unmatched: {unmatched}, from {paths.Count} report(s)");
        return total.Count >= options.Int("--min-events", 100) ? 0 : 1;
    }

    private static HashSet<string> CorrelationIds(SimExecution execution)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal) { execution.Name };
        if (execution.Record?.StackId is { } stack)
        {
            ids.Add(stack);
        }

        foreach (var phase in execution.Phases)
        {
            foreach (var key in (string[])["stackId", "commandId"])
            {
                if (phase.Detail.TryGetValue(key, out var id) && id.Length > 0)
                {
                    ids.Add(id);
                }
            }
        }

        return ids;
    }

    private static bool Belongs(SimEvent e, string execution, HashSet<string> ids) =>
        (e.DetailText("stack-id") is { } stack && ids.Contains(stack))
        || (e.DetailText("command-id") is { } command && ids.Contains(command))
        || e.DetailText("deploymentId") == execution;
}

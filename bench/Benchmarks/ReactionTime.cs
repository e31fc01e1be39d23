namespace Wso2Serverless.Benchmarks;

/// <summary>
/// How quickly the workflow moves on when an awaited event arrives: from the event router's
/// invocation for that event (the simulated EventBridge delivering it) to the next Lambda
/// invocation of the same execution (the next task starting), in real milliseconds.
/// </summary>
/// <remarks>
/// On the virtual clock both happen at the same virtual instant, so the figure is the real time
/// between them: the router's own work (its DynamoDB calls on moto, the callback), the engine's
/// hop to the next task, and whatever other work the scheduler ran in between (under a burst,
/// other environments' flows at that instant). The awaited event of a callback wait is among the
/// last events of the execution (by stack id, SSM command id or deployment id, as the phase
/// records hold them) published while the wait's Task state was active; when several were
/// published at that instant (a command's status and its instance's), the one whose router
/// invocation ran first. A router invocation is matched to its event by the event's id.
/// It also quotes every router invocation's own time by kind of event (stack status, command
/// status, signal, ...): its duration less the time it waited on the stand-ins over HTTP (moto's
/// DynamoDB, the runner's callback API), which the report records per invocation.
/// </remarks>
internal static class ReactionTime
{
    public static int Run(Options options)
    {
        var paths = options.All("--report");
        if (paths.Count == 0)
        {
            Out.Error($"reaction: give at least one --report FILE");
            return 2;
        }

        var total = new List<double>();
        var routerOwn = new List<double>();
        var routerCode = new List<double>();
        var byKind = new SortedDictionary<string, List<double>>(StringComparer.Ordinal);
        var rest = new List<double>();
        var unmatched = 0;
        foreach (var path in paths)
        {
            var report = SimulateReport.Load(path);
            var routerCalls = report.Invocations
                .Where(i => i.Function == "event-router" && i.EventId is not null)
                .GroupBy(i => i.EventId!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.OrderBy(i => i.RealAtMs).First(), StringComparer.Ordinal);
            // Every router invocation, by what it was told: its own code's time, the stand-ins' waits taken out.
            var eventsById = report.Events.GroupBy(e => e.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            foreach (var call in report.Invocations.Where(i => i.Function == "event-router" && i.EventId is not null && i.ErrorType is null))
            {
                if (eventsById.TryGetValue(call.EventId!, out var e))
                {
                    (byKind.TryGetValue(e.Kind, out var list) ? list : byKind[e.Kind] = []).Add(call.OwnMs);
                }
            }

            foreach (var execution in report.Executions)
            {
                var ids = CorrelationIds(execution);
                var events = report.Events
                    .Where(e => e.Outcome == "delivered" && e.Target == "event-router" && Belongs(e, execution.Name, ids))
                    .OrderBy(e => e.At)
                    .ToList();
                var tasks = report.Invocations.Where(i => i.Execution == execution.Name).OrderBy(i => i.RealAtMs).ToList();
                foreach (var wait in execution.States.Where(s => s.Type == "Task" && s.Error is null && s.ExitedAt is not null))
                {
                    var during = events.Where(e => e.At >= wait.EnteredAt && e.At <= wait.ExitedAt!.Value).ToList();
                    if (during.Count == 0)
                    {
                        continue; // not a callback wait (Accept, Verify, ...) or its event came before it
                    }

                    var arrival = during
                        .Where(e => e.At == during[^1].At)
                        .Select(e => routerCalls.GetValueOrDefault(e.Id))
                        .OfType<SimInvocation>()
                        .MinBy(i => i.RealAtMs);
                    var next = arrival is null ? null : tasks.FirstOrDefault(t => t.RealAtMs > arrival.RealAtMs && t.At >= arrival.At);
                    if (arrival is null || next is null)
                    {
                        unmatched++;
                        continue;
                    }

                    total.Add(next.RealAtMs - arrival.RealAtMs);
                    routerOwn.Add(arrival.RealMs);
                    routerCode.Add(arrival.OwnMs);
                    rest.Add(Math.Max(0, next.RealAtMs - arrival.RealAtMs - arrival.RealMs));
                }
            }
        }

        Out.Line($"reaction event arrival -> next task start (real ms): {Stats.Summary(total, "ms")}");
        Out.Line($"reaction   the router invocation's duration (its DynamoDB calls on moto, the callback): {Stats.Summary(routerOwn, "ms")}");
        Out.Line($"reaction     of which our code (the waits on moto and the runner taken out): {Stats.Summary(routerCode, "ms")}");
        Out.Line($"reaction   the rest (the engine's hop, and other work the scheduler ran in between): {Stats.Summary(rest, "ms")}");
        Out.Line($"reaction awaited events matched: {total.Count}, unmatched: {unmatched}, from {paths.Count} report(s)");
        Out.Line($"reaction router duration per event kind, our code only (every delivery, real ms; stand-ins' waits taken out):");
        foreach (var (kind, list) in byKind)
        {
            Out.Line($"reaction   {kind,-28} n={list.Count,4} median {Stats.Median(list),7:F2} ms  p99 {Stats.Percentile(list, 99),7:F2} ms");
        }

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

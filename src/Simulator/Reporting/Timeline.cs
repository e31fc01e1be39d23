using System.Globalization;
using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Simulator.Reporting;

/// <summary>
/// The end-of-run picture: per environment, each recorded phase with its start, duration and
/// outcome, and a bar placed on the run's time axis, so the long phases stand out.
/// </summary>
public static class Timeline
{
    private const int BarWidth = 40;
    private static readonly string[] ShownOutputs = ["PublisherUrl", "DevPortalUrl", "GatewayHttpsUrl", "MIHealthUrl"];

    public static void Write(SimulationReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var e in report.Executions)
        {
            output.WriteLine();
            output.WriteLine($"{e.Environment} ({e.Name}): {e.Status}{(e.Error is null ? "" : $" - {e.Error}")}");
            if (e.Record is { } record)
            {
                output.WriteLine($"  record: {record.Status}{(record.FailedPhase is null ? "" : $" in {record.FailedPhase}")}{(record.Reason is null ? "" : $": {Shorten(record.Reason, 160)}")}");
            }

            var start = e.StartedAt;
            var total = Math.Max(1, (e.EndedAt - start).TotalSeconds);
            output.WriteLine($"  {"phase",-28} {"start",8} {"duration",9}  {"outcome",-10} timeline");
            foreach (var phase in e.Phases)
            {
                var end = phase.EndedAt ?? e.EndedAt;
                var from = (int)Math.Round((phase.StartedAt - start).TotalSeconds / total * BarWidth);
                var width = Math.Max(1, (int)Math.Round((end - phase.StartedAt).TotalSeconds / total * BarWidth));
                from = Math.Clamp(from, 0, BarWidth - 1);
                width = Math.Min(width, BarWidth - from);
                var bar = new string(' ', from) + new string(phase.Status == PhaseStatus.Failed ? 'x' : '#', width);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {phase.Phase,-28} {Clock(phase.StartedAt - start),8} {Clock(end - phase.StartedAt),9}  {phase.Status,-10} |{bar.PadRight(BarWidth)}|"));
            }

            output.WriteLine($"  {e.Transitions} state transitions, {(e.EndedAt - e.StartedAt).TotalMinutes:0} simulated minutes; lock {(e.Lock is null ? "released" : $"held by {e.Lock.DeploymentId}")}");
            if (e.Record?.Outputs is { Count: > 0 } outputs)
            {
                foreach (var key in ShownOutputs.Where(outputs.ContainsKey))
                {
                    output.WriteLine($"  {key}: {outputs[key]}");
                }
            }
        }

        output.WriteLine();
        output.WriteLine($"{report.Invocations.Count} function invocations, {report.Events.Count} events ({report.Events.Count(v => v.Outcome == "lost")} lost), "
            + $"{report.Notifications.Count} notifications, {report.ThrottledCalls} throttled calls; {report.RealDuration.TotalSeconds:0.0} s real time; seed {report.Seed} (--seed {report.Seed} replays it).");
    }

    private static string Clock(TimeSpan span) =>
        span < TimeSpan.Zero ? "0:00:00" : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}");

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "...");
}

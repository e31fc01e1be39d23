using System.Globalization;
using Spectre.Console;
using Wso2Serverless.Cli.Api;
using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Cli.Output;

/// <summary>
/// One run on paper: who and what, the outcome with its failing phase and reason, and the
/// timeline (each phase's start, duration, outcome and a bar on the run's time axis, with its
/// sub-steps and nodes beneath it), then the stack outputs.
/// </summary>
public static class RunReport
{
    private const int BarWidth = 30;

    public static void Write(IAnsiConsole console, RunView view)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(view);
        var d = view.Deployment;
        console.MarkupLine($"[bold]{Markup.Escape(d.DeploymentId)}[/]  environment {Markup.Escape(d.Environment)}  stack {Markup.Escape(d.StackName)}  trigger {Markup.Escape(d.Trigger)}{(d.Rebuild ? "  (rebuild)" : "")}");
        console.MarkupLine($"outcome: [{Colour(d.Status)}]{Markup.Escape(EventText.Ended(d))}[/]");
        console.Write(Timeline(view));
        foreach (var (key, value) in d.Outputs.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            console.MarkupLine($"{Markup.Escape(key)}: {Markup.Escape(value)}");
        }
    }

    public static Table Timeline(RunView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var start = view.Deployment.StartedAt;
        var end = view.Deployment.EndedAt
            ?? view.Phases.Select(p => p.EndedAt ?? p.StartedAt).DefaultIfEmpty(start).Max();
        var span = Math.Max((end - start).TotalSeconds, 1);
        var table = new Table().Border(TableBorder.Simple).Title("timeline");
        table.AddColumns("phase", "start", "duration", "outcome", "");
        foreach (var phase in view.Phases)
        {
            var phaseEnd = phase.EndedAt ?? end;
            table.AddRow(
                Markup.Escape(phase.Phase),
                "+" + Durations.Format(phase.StartedAt - start),
                Durations.Format(phaseEnd - phase.StartedAt) + (phase.EndedAt is null ? "…" : ""),
                $"[{Colour(phase.Status)}]{phase.Status}{(phase.Attempt > 1 ? string.Create(CultureInfo.InvariantCulture, $" (attempt {phase.Attempt})") : "")}[/]",
                Bar((phase.StartedAt - start).TotalSeconds / span, (phaseEnd - phase.StartedAt).TotalSeconds / span));
            foreach (var step in phase.SubSteps)
            {
                table.AddRow($"  · {Markup.Escape(step.Name)}", "+" + Durations.Format(step.At - start), "", Markup.Escape(step.Status), Markup.Escape(step.Message ?? ""));
            }

            foreach (var node in phase.Instances)
            {
                table.AddRow($"  ↳ {Markup.Escape(node.InstanceId)}", "", "", Markup.Escape(node.Status + (node.ExitCode is { } c ? string.Create(CultureInfo.InvariantCulture, $" (exit {c})") : "")), "");
            }

            if (phase.Error is { Length: > 0 } error)
            {
                table.AddRow("  ! error", "", "", "", Markup.Escape(error));
            }
        }

        return table;
    }

    public static string Colour(DeploymentStatus status) => status switch
    {
        DeploymentStatus.Succeeded or DeploymentStatus.TornDown => "green",
        DeploymentStatus.Running => "blue",
        DeploymentStatus.Cancelled or DeploymentStatus.Aborted => "yellow",
        _ => "red",
    };

    public static string Colour(PhaseStatus status) => status switch
    {
        PhaseStatus.Succeeded => "green",
        PhaseStatus.Running => "blue",
        PhaseStatus.Skipped => "grey",
        _ => "red",
    };

    private static string Bar(double offset, double length)
    {
        var from = (int)Math.Clamp(Math.Round(offset * BarWidth), 0, BarWidth - 1);
        var width = (int)Math.Clamp(Math.Round(length * BarWidth), 1, BarWidth - from);
        return new string(' ', from) + new string('█', width);
    }
}

using Spectre.Console;
using Wso2Serverless.Cli.Api;
using Wso2Serverless.Cli.Output;

namespace Wso2Serverless.Cli.Follow;

/// <summary>
/// The terminal view of a run: a Spectre.Console progress display with a spinner per running
/// phase, its sub-steps and agent nodes listed under it as they arrive, and the outcome once it ends.
/// </summary>
public static class LiveRunDisplay
{
    public static async Task<RunView> RunAsync(IAnsiConsole console, Func<IRunSink, Task<RunView>> follow)
    {
        RunView? result = null;
        await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new SpinnerColumn { CompletedText = "•" }, new TaskDescriptionColumn { Alignment = Justify.Left }, new ElapsedTimeColumn())
            .StartAsync(async context => result = await follow(new Sink(context)).ConfigureAwait(false))
            .ConfigureAwait(false);
        return result!;
    }

    private sealed class Sink(ProgressContext context) : IRunSink
    {
        private readonly Dictionary<string, ProgressTask> _phases = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ProgressTask> _lastLine = new(StringComparer.Ordinal);

        public void OnEvents(IReadOnlyList<RunEvent> events, RunView snapshot)
        {
            foreach (var runEvent in events)
            {
                var (subject, text) = EventText.Describe(runEvent);
                switch (runEvent)
                {
                    case PhaseStarted:
                        var task = context.AddTask(Markup.Escape(subject), new ProgressTaskSettings { MaxValue = 1 });
                        task.IsIndeterminate = true;
                        _phases[subject] = task;
                        _lastLine[subject] = task;
                        break;
                    case PhaseEnded ended when _phases.TryGetValue(subject, out var phase):
                        var colour = ended.Phase.Status == Domain.Model.PhaseStatus.Succeeded ? "green" : ended.Phase.Status == Domain.Model.PhaseStatus.Failed ? "red" : "grey";
                        phase.Description = $"{Markup.Escape(subject)} [{colour}]{Markup.Escape(text)}[/]";
                        phase.IsIndeterminate = false;
                        phase.Value = phase.MaxValue;
                        phase.StopTask();
                        break;
                    case RunEnded:
                        Line(null, $"[bold]{Markup.Escape(subject)} {Markup.Escape(text)}[/]");
                        break;
                    default:
                        Line(subject, "   " + Markup.Escape(text));
                        break;
                }
            }

            context.Refresh();
        }

        public void OnNote(string note) => Line(null, $"[grey]{Markup.Escape(note)}[/]");

        /// <summary>A finished line under its phase (after the phase's last line), or at the end.</summary>
        private void Line(string? phase, string markup)
        {
            var settings = new ProgressTaskSettings { MaxValue = 1, AutoStart = false };
            var task = phase is not null && _lastLine.TryGetValue(phase, out var after)
                ? context.AddTaskAfter(markup, settings, after)
                : context.AddTask(markup, settings);
            task.Value = 1;
            if (phase is not null)
            {
                _lastLine[phase] = task;
            }
        }
    }
}

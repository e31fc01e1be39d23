using Spectre.Console;
using Wso2Serverless.Cli.Api;
using Wso2Serverless.Cli.Output;

namespace Wso2Serverless.Cli.Follow;

/// <summary>Events as plain lines, one each, for pipes and logs: no colour, no cursor movement.</summary>
public sealed class PlainRunDisplay(IAnsiConsole console) : IRunSink
{
    public void OnEvents(IReadOnlyList<RunEvent> events, RunView snapshot)
    {
        foreach (var runEvent in events)
        {
            var (subject, text) = EventText.Describe(runEvent);
            console.WriteLine($"{Durations.Clock(runEvent.At)}  {subject,-26} {text}");
        }
    }

    public void OnNote(string note) => console.WriteLine($"{"",8}  {note}");
}

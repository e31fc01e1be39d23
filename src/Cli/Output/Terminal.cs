using Spectre.Console;

namespace Wso2Serverless.Cli.Output;

/// <summary>
/// The Spectre.Console consoles wso2ctl writes through. ANSI (colour, cursor movement, live
/// redraws) only when stdout is a terminal and TERM is not <c>dumb</c>; colour also off when
/// NO_COLOR is set (https://no-color.org). Piped output is plain lines, wide enough not to wrap.
/// </summary>
public sealed class Terminal
{
    private const int PipedWidth = 200;

    public Terminal(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var term = context.Environment("TERM");
        Interactive = context.OutIsTerminal && !string.Equals(term, "dumb", StringComparison.Ordinal);
        var noColor = context.Environment("NO_COLOR") is { Length: > 0 };
        Out = Create(context.Out, Interactive, noColor);
        // stderr carries messages, never redraws: plain unless it is a terminal too.
        Error = Create(context.Error, false, true);
    }

    /// <summary>True when live progress (spinners, redraws) may be shown on <see cref="Out"/>.</summary>
    public bool Interactive { get; }

    public IAnsiConsole Out { get; }

    public IAnsiConsole Error { get; }

    private static IAnsiConsole Create(TextWriter writer, bool interactive, bool noColor)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive && !noColor ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!interactive)
        {
            console.Profile.Width = PipedWidth;
        }

        return console;
    }
}

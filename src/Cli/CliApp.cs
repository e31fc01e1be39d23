using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Globalization;
using Wso2Serverless.Cli.Commands;

namespace Wso2Serverless.Cli;

/// <summary>
/// wso2ctl's command tree (System.CommandLine) and its one rule about exits: a command line the
/// parser rejects is a usage error (exit 2), printed with a pointer to <c>--help</c>.
/// </summary>
public static class CliApp
{
    public static RootCommand Build(CliContext context)
    {
        var options = new GlobalOptions();
        var root = new RootCommand("wso2ctl: start, follow, cancel and schedule WSO2 API Manager pattern-1 deployments through the orchestrator's HTTP API (SigV4, AWS's standard credential chain).");
        options.AddTo(root);
        root.Subcommands.Add(RunCommands.Deploy(options, context));
        root.Subcommands.Add(RunCommands.Status(options, context));
        root.Subcommands.Add(RunCommands.Watch(options, context));
        root.Subcommands.Add(EnvironmentCommands.History(options, context));
        root.Subcommands.Add(RunCommands.Cancel(options, context));
        root.Subcommands.Add(RunCommands.Teardown(options, context));
        root.Subcommands.Add(EnvironmentCommands.Schedule(options, context));
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            if (help.Action is HelpAction action)
            {
                help.Action = new HelpWithExitCodes(action);
            }
        }

        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = Build(context);
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                await context.Error.WriteLineAsync($"wso2ctl: {error.Message}").ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync("Run 'wso2ctl --help' (or 'wso2ctl COMMAND --help') for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false };
        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The standard help, then the exit codes under the top-level help (every command shares them).</summary>
    private sealed class HelpWithExitCodes(HelpAction standard) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var result = standard.Invoke(parseResult);
            if (parseResult.CommandResult.Command is RootCommand)
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Exit codes:");
                foreach (var (code, meaning) in ExitCodes.Described)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {code,-5}{meaning}"));
                }

                output.WriteLine();
            }

            return result;
        }
    }
}

using System.Globalization;

namespace Wso2Serverless.Simulator.Cli;

/// <summary>
/// simulate's arguments. Plain parsing: a handful of flags does not need a framework, and the
/// usage text below is the whole interface.
/// </summary>
public sealed record CommandLine
{
    public const string Usage = """
        usage: simulate [--scenario NAME] [--environments N] [--seed S] [--pace N] [--json FILE] [--keep] [--quiet] [--list]
               simulate --chaos [--runs N] [--seed S] [--parallel P]

          --scenario NAME     what to simulate (default: happy); --list shows them all
          --environments N    N environments at once, each its own execution
          --seed S            fixes every random choice (ids, jitter, the order of simultaneous work):
                              the same seed gives the same timeline and report (default: a random seed, printed)
          --pace N            let virtual time run at most N times real time, to watch a run live
                              (default: the clock jumps to the next timer as soon as nothing is running)
          --json FILE         write the full report (phases, transitions, invocations, events, records, notifications)
          --keep              leave moto_server running and print how to look at the table
          --quiet             no live progress, only the timeline
          --list              one line per scenario: what it shows
          --chaos             N deployments (--runs, default 20) with seeds S, S+1, ..., each with faults drawn
                              from its seed; checks the invariants after every run and prints the seed of any
                              run that breaks one (--chaos --seed that --runs 1 replays it)
          --runs N            how many chaos runs (1 to 100000)
          --parallel P        chaos runs side by side (default: the number of CPUs)

        Exit code: 0 when every deployment succeeded, 1 when one did not, 2 for a usage error;
        with --chaos: 0 when no invariant broke, 1 when one did.
        """;

    public string Scenario { get; init; } = "happy";
    public int Environments { get; init; } = 1;
    public string? JsonFile { get; init; }
    public bool Keep { get; init; }
    /// <summary>Null: draw one at random (and print it).</summary>
    public int? Seed { get; init; }
    public double? Pace { get; init; }
    public bool Quiet { get; init; }
    public bool List { get; init; }
    public bool Help { get; init; }
    public bool Chaos { get; init; }
    public int Runs { get; init; } = 20;
    public int? Parallel { get; init; }

    /// <summary>The parsed command line, or an error message.</summary>
    public static (CommandLine? Parsed, string? Error) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var result = new CommandLine();
        for (var i = 0; i < args.Count; i++)
        {
            string? Value() => i + 1 < args.Count ? args[++i] : null;
            switch (args[i])
            {
                case "--scenario" or "-s":
                    result = result with { Scenario = Value() ?? "" };
                    break;
                case "--environments" or "-n":
                    if (!int.TryParse(Value(), CultureInfo.InvariantCulture, out var n) || n < 1 || n > 200)
                    {
                        return (null, "--environments takes a number from 1 to 200");
                    }

                    result = result with { Environments = n };
                    break;
                case "--json":
                    result = result with { JsonFile = Value() };
                    if (result.JsonFile is null)
                    {
                        return (null, "--json takes a file name");
                    }

                    break;
                case "--seed":
                    if (!int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) || seed < 0)
                    {
                        return (null, $"--seed takes a whole number from 0 to {int.MaxValue}");
                    }

                    result = result with { Seed = seed };
                    break;
                case "--pace":
                    if (!double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var pace) || !(pace > 0) || double.IsInfinity(pace))
                    {
                        return (null, "--pace takes a number greater than 0 (virtual seconds per real second)");
                    }

                    result = result with { Pace = pace };
                    break;
                case "--keep":
                    result = result with { Keep = true };
                    break;
                case "--quiet" or "-q":
                    result = result with { Quiet = true };
                    break;
                case "--list":
                    result = result with { List = true };
                    break;
                case "--chaos":
                    result = result with { Chaos = true };
                    break;
                case "--runs":
                    if (!int.TryParse(Value(), CultureInfo.InvariantCulture, out var runs) || runs < 1 || runs > 100_000)
                    {
                        return (null, "--runs takes a number from 1 to 100000");
                    }

                    result = result with { Runs = runs };
                    break;
                case "--parallel":
                    if (!int.TryParse(Value(), CultureInfo.InvariantCulture, out var parallel) || parallel < 1 || parallel > 64)
                    {
                        return (null, "--parallel takes a number from 1 to 64");
                    }

                    result = result with { Parallel = parallel };
                    break;
                case "--help" or "-h":
                    result = result with { Help = true };
                    break;
                default:
                    return (null, $"unknown argument {args[i]}");
            }
        }

        return (result, null);
    }
}

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
               simulate --serve [--port P] [--scenario NAME] [--scenario ENV=NAME ...] [--seed S] [--pace N] [--keep] [--quiet]
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
          --serve             serve the orchestrator's HTTP API on 127.0.0.1 with the world behind it, until
                              Ctrl-C: every route, signed with SigV4 (key testing, secret testing, us-east-1);
                              the scenario's world faults apply to every run started through it; paced at
                              x120 unless --pace says otherwise, so a run can be followed and cancelled
          --port P            the port --serve listens on (default 3000; 0 picks a free one)
          --scenario ENV=NAME with --serve: the scenario's world faults for environment ENV only (repeatable);
                              other environments get --scenario NAME's world (default: happy)
          --chaos             N deployments (--runs, default 20) with seeds S, S+1, ..., each with faults drawn
                              from its seed; checks the invariants after every run and prints the seed of any
                              run that breaks one (--chaos --seed that --runs 1 replays it)
          --runs N            how many chaos runs (1 to 100000)
          --parallel P        chaos runs side by side (default: the number of CPUs)

        Exit code: 0 when every deployment succeeded, 1 when one did not, 2 for a usage error.
        With --serve: 0 when stopped by Ctrl-C or SIGTERM, 1 when the world failed, 2 for a usage error.
        With --chaos: 0 when no invariant broke, 1 when one did.
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
    public bool Serve { get; init; }
    public int Port { get; init; } = DefaultPort;
    /// <summary>With --serve: environment to the scenario whose faults its runs meet (<c>--scenario ENV=NAME</c>).</summary>
    public IReadOnlyDictionary<string, string> EnvironmentScenarios { get; init; } = NoEnvironmentScenarios;

    private static readonly IReadOnlyDictionary<string, string> NoEnvironmentScenarios = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Where <c>--serve</c> listens by default (as <c>sam local start-api</c>).</summary>
    public const int DefaultPort = 3000;
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
                    var named = Value() ?? "";
                    if (named.Split('=', 2) is [var environment, var name])
                    {
                        if (environment.Length == 0 || name.Length == 0)
                        {
                            return (null, "--scenario ENV=NAME needs both an environment and a scenario name");
                        }

                        result = result with { EnvironmentScenarios = new Dictionary<string, string>(result.EnvironmentScenarios, StringComparer.Ordinal) { [environment] = name } };
                    }
                    else
                    {
                        result = result with { Scenario = named };
                    }

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
                case "--serve":
                    result = result with { Serve = true };
                    break;
                case "--port":
                    if (!int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
                    {
                        return (null, "--port takes a port number from 0 to 65535 (0: any free port)");
                    }

                    result = result with { Port = port };
                    break;
                default:
                    return (null, $"unknown argument {args[i]}");
            }
        }

        return ServeConflict(result, args) is { } conflict ? (null, conflict) : (result, null);
    }

    /// <summary>What --serve cannot be combined with (it starts no run of its own and writes no report), or --port without --serve.</summary>
    private static string? ServeConflict(CommandLine parsed, IReadOnlyList<string> args)
    {
        if (!parsed.Serve)
        {
            return args.Contains("--port") ? "--port goes with --serve"
                : parsed.EnvironmentScenarios.Count > 0 ? "--scenario ENV=NAME goes with --serve"
                : null;
        }

        return args.FirstOrDefault(a => a is "--environments" or "-n" or "--json" or "--list") is { } other
            ? $"{other} does not go with --serve: runs are started through the API, and each is followed there (wso2ctl watch)"
            : null;
    }
}

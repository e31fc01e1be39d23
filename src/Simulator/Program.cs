using System.Runtime.InteropServices;
using Wso2Serverless.Simulator;
using Wso2Serverless.Simulator.Chaos;
using Wso2Serverless.Simulator.Cli;
using Wso2Serverless.Simulator.Reporting;
using Wso2Serverless.Simulator.Scenarios;
using Wso2Serverless.Simulator.Serve;

var (command, error) = CommandLine.Parse(args);
if (command is null || command.Help)
{
    if (error is not null)
    {
        Console.Error.WriteLine($"simulate: {error}");
    }

    Console.Error.WriteLine(CommandLine.Usage);
    return command?.Help == true ? 0 : 2;
}

if (command.List)
{
    foreach (var s in ScenarioCatalog.All)
    {
        Console.WriteLine($"{s.Name,-22} {s.Summary}");
    }

    return 0;
}

// Ctrl+C, and SIGTERM too (a background job ignores Ctrl+C): a chaos command finishes the runs
// under way and prints the summary; a run or a served world stops.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancel.Cancel();
});

if (command.Chaos)
{
    var keep = command.JsonFile is not null && command.Runs == 1;
    var summary = await ChaosRunner.RunAsync(command.Seed ?? Random.Shared.Next(), command.Runs, command.Parallel ?? Environment.ProcessorCount, Console.Out, keep, cancel.Token);
    if (keep && summary.Runs[0].Report is { } replayed)
    {
        // One run replayed for a closer look: its full report, as simulate --json writes one.
        await using var file = File.Create(command.JsonFile!);
        ReportJson.Write(replayed, file);
        Console.WriteLine($"report: {command.JsonFile}");
    }

    return summary.Violations == 0 ? 0 : 1;
}

var scenario = ScenarioCatalog.Find(command.Scenario);
if (scenario is null)
{
    Console.Error.WriteLine($"simulate: no scenario '{command.Scenario}'; --list shows them");
    return 2;
}

// Debugging aids for one run, as environment variables so the CLI stays as it is: the runner's
// raw lines (tokens, callbacks, timeouts) and the functions' own log lines.
var runnerLogFile = Environment.GetEnvironmentVariable("WSO2_SIM_RUNNER_LOG");
await using var runnerLog = string.IsNullOrEmpty(runnerLogFile) ? null : TextWriter.Synchronized(new StreamWriter(runnerLogFile));
if (command.Serve)
{
    return await ServeCommand.RunAsync(command, scenario, Console.Out, Console.Error, runnerLog, cancel.Token);
}

var run = await Simulation.RunAsync(new SimulationOptions
{
    RunnerLog = runnerLog,
    Scenario = scenario,
    Environments = command.Environments,
    Seed = command.Seed ?? Random.Shared.Next(),
    Pace = command.Pace,
    Keep = command.Keep,
    Progress = command.Quiet ? null : Console.Out,
}, cancel.Token);

Timeline.Write(run.Report, Console.Out);
if (command.JsonFile is not null)
{
    await using var file = File.Create(command.JsonFile);
    ReportJson.Write(run.Report, file);
    Console.WriteLine($"report: {command.JsonFile}");
}

if (Environment.GetEnvironmentVariable("WSO2_SIM_FUNCTION_LOG") is { Length: > 0 } logFile)
{
    await File.WriteAllTextAsync(logFile, run.Report.FunctionLog);
}

if (run.Moto is { } moto)
{
    Console.WriteLine($"moto_server kept running at {moto.Endpoint} (pid-owned by you now; stop it with kill).");
    Console.WriteLine($"  AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing aws dynamodb scan --endpoint-url {moto.Endpoint} --region us-east-1 --table-name {Simulation.TableName}");
}

var outcome = run.Report.AllSucceeded ? 0 : 1;
Console.WriteLine($"outcome: {(outcome == 0 ? "all deployments succeeded" : "a deployment did not succeed")} (scenario expects {scenario.ExpectedStatus})");
return outcome;

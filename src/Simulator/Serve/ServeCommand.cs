using System.Globalization;
using System.Net;
using Wso2Serverless.Simulator.Cli;
using Wso2Serverless.Simulator.Hosting;
using Wso2Serverless.Simulator.Scenarios;
using Wso2Serverless.StandIns.Scheduling;
using Wso2Serverless.StandIns.World;

namespace Wso2Serverless.Simulator.Serve;

/// <summary>
/// <c>simulate --serve</c>: the API on loopback first (a taken port fails before anything
/// starts), then the world behind it, waiting for requests until the token is cancelled (Ctrl-C,
/// SIGTERM). Exit codes: 0 stopped on request, 1 the world failed, 2 usage.
/// </summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(CommandLine command, Scenario scenario, TextWriter output, TextWriter error, TextWriter? runnerLog, CancellationToken cancellationToken)
    {
        if (ServeScenarios.Refusal(scenario) is { } refusal)
        {
            await error.WriteLineAsync($"simulate: --serve cannot play {scenario.Name}: {refusal}").ConfigureAwait(false);
            return 2;
        }

        var (perEnvironment, wrong) = ServeScenarios.ForEnvironments(command.EnvironmentScenarios);
        if (perEnvironment is null)
        {
            await error.WriteLineAsync($"simulate: {wrong}").ConfigureAwait(false);
            return 2;
        }

        var paths = RepoPaths.Locate();
        var log = new ServeLog(output);
        LocalApi api;
        try
        {
            api = LocalApi.Start(command.Port, paths.ServerlessTemplate, command.Quiet ? null : log.Answered);
        }
        catch (HttpListenerException e)
        {
            await error.WriteLineAsync($"simulate: cannot listen on 127.0.0.1:{command.Port} ({e.Message}); --port 0 picks a free port").ConfigureAwait(false);
            return 2;
        }

        await using (api.ConfigureAwait(false))
        {
            var seed = command.Seed ?? Random.Shared.Next();
            var pace = command.Pace ?? ServeMode.DefaultPace;
            try
            {
                await Simulation.RunAsync(new SimulationOptions
                {
                    Scenario = scenario,
                    Seed = seed,
                    Pace = pace,
                    Keep = command.Keep,
                    RunnerLog = runnerLog,
                    Serve = new ServeMode(api.Endpoint, async (session, token) =>
                    {
                        api.Attach(session);
                        if (!command.Quiet)
                        {
                            log.Attach(session);
                        }

                        Banner(output, api.Endpoint, session, scenario, perEnvironment, seed, pace, command.Pace is null);
                        try
                        {
                            await session.Scheduler.RunAsync(static () => false, token).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException) when (token.IsCancellationRequested)
                        {
                            // Ctrl-C or SIGTERM: stop serving; the runner, the world and moto are stopped on the way out.
                        }
                        finally
                        {
                            log.Close();
                        }
                    })
                    {
                        EnvironmentFaults = perEnvironment.ToDictionary(p => p.Key, p => p.Value.Faults, StringComparer.Ordinal),
                    },
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped while the world was starting.
            }
            catch (SimulationStalledException e)
            {
                await error.WriteLineAsync($"simulate: the world stopped: {e.Message}").ConfigureAwait(false);
                return 1;
            }
        }

        await output.WriteLineAsync("simulate --serve: stopped").ConfigureAwait(false);
        return 0;
    }

    private static void Banner(TextWriter output, Uri url, ServeSession session, Scenario scenario, IReadOnlyDictionary<string, Scenario> perEnvironment, int seed, double pace, bool defaultPace)
    {
        var region = SimulatedWorld.Region;
        var key = LocalApi.Principal;
        var happy = ServeMode.HappyRun.TotalSeconds / pace;
        var lasts = happy >= 1 ? string.Create(CultureInfo.InvariantCulture, $"about {happy:0} s") : "under a second";
        output.WriteLine($"simulate --serve: the orchestrator's HTTP API at {url}");
        output.WriteLine($"  sign with   access key {key.AccessKeyId}, secret {key.SecretAccessKey}, region {region}, service execute-api");
        output.WriteLine($"  wso2ctl     AWS_ACCESS_KEY_ID={key.AccessKeyId} AWS_SECRET_ACCESS_KEY={key.SecretAccessKey} wso2ctl --api-url {url} --region {region} deploy -f request.json --wait");
        output.WriteLine($"  curl        curl --aws-sigv4 \"aws:amz:{region}:execute-api\" --user {key.AccessKeyId}:{key.SecretAccessKey} {url}environments/dev/deployments");
        var whose = perEnvironment.Count == 0 ? "every run started here" : "the runs of every environment not named below";
        output.WriteLine($"  world       scenario {scenario.Name}{(scenario.Name == "happy" ? "" : $" (its faults apply to {whose})")}, seed {seed}");
        foreach (var (environment, own) in perEnvironment)
        {
            output.WriteLine($"  {environment,-11} scenario {own.Name}: {own.Summary}");
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  clock       virtual, at most x{pace:0.##} real time{(defaultPace ? " (the default; --pace N changes it)" : "")}: a happy deployment's {ServeMode.HappyRun.TotalMinutes:0} simulated minutes take {lasts}"));
        output.WriteLine($"  records     DynamoDB on moto at {session.MotoEndpoint}, table {Simulation.TableName}");
        output.WriteLine("Ctrl-C stops it. Times below are the simulated clock's.");
        output.Flush();
    }
}

using System.CommandLine;
using Spectre.Console;
using Wso2Serverless.Cli.Api;
using Wso2Serverless.Cli.Output;

namespace Wso2Serverless.Cli.Commands;

/// <summary>deploy, status, watch, cancel and teardown: one run at a time.</summary>
public static class RunCommands
{
    public static Command Deploy(GlobalOptions options, CliContext context)
    {
        var file = new Option<string>("--file", "-f") { Description = "The deployment request (JSON, as for POST /deployments); - reads stdin", Required = true };
        var wait = new Option<bool>("--wait") { Description = "Follow the run until it ends and exit with its outcome" };
        var interval = Following.Interval();
        var timeout = Following.Timeout();
        var command = new Command("deploy", "Start a deployment (POST /deployments)") { file, wait, interval, timeout };
        command.SetAction((parse, ct) => Invocation.RunAsync(options, context, parse, async run =>
        {
            var body = RequestFile.Read(parse.GetValue(file)!);
            var api = await run.OpenApiAsync().ConfigureAwait(false);
            ApiAnswer<StartedRun> started;
            try
            {
                started = await api.StartDeploymentAsync(body, run.Cancellation).ConfigureAwait(false);
            }
            catch (ApiProblemException ex)
            {
                return run.Refused(ex, parse.GetValue(file));
            }

            var id = started.Value.DeploymentId;
            if (!parse.GetValue(wait))
            {
                if (run.Json)
                {
                    run.WriteJson(started.Body);
                }
                else
                {
                    run.Out.WriteLine($"started {id}");
                    run.Out.WriteLine($"follow it: wso2ctl watch {id}");
                }

                return ExitCodes.Succeeded;
            }

            if (!run.Json)
            {
                run.Out.WriteLine($"started {id}");
            }

            return await Following.FollowAsync(run, api, id, parse.GetValue(interval), parse.GetValue(timeout)).ConfigureAwait(false);
        }, ct));
        return command;
    }

    public static Command Status(GlobalOptions options, CliContext context)
    {
        var id = DeploymentId();
        var command = new Command("status", "Show a deployment: outcome, phases and timeline (GET /deployments/{id})") { id };
        command.SetAction((parse, ct) => Invocation.RunAsync(options, context, parse, async run =>
        {
            var api = await run.OpenApiAsync().ConfigureAwait(false);
            var answer = await api.GetDeploymentAsync(parse.GetValue(id)!, run.Cancellation).ConfigureAwait(false);
            if (run.Json)
            {
                run.WriteJson(answer.Body);
            }
            else
            {
                RunReport.Write(run.Out, answer.Value);
            }

            return ExitCodes.Succeeded;
        }, ct));
        return command;
    }

    public static Command Watch(GlobalOptions options, CliContext context)
    {
        var id = DeploymentId();
        var interval = Following.Interval();
        var timeout = Following.Timeout();
        var command = new Command("watch", "Follow a deployment live until it ends; exit with its outcome") { id, interval, timeout };
        command.SetAction((parse, ct) => Invocation.RunAsync(options, context, parse, async run =>
        {
            var api = await run.OpenApiAsync().ConfigureAwait(false);
            return await Following.FollowAsync(run, api, parse.GetValue(id)!, parse.GetValue(interval), parse.GetValue(timeout)).ConfigureAwait(false);
        }, ct));
        return command;
    }

    public static Command Cancel(GlobalOptions options, CliContext context)
    {
        var id = DeploymentId();
        var command = new Command("cancel", "Stop a running deployment, record it Cancelled and free its environment (POST /deployments/{id}/cancel); the stack stays") { id };
        command.SetAction((parse, ct) => Invocation.RunAsync(options, context, parse, async run =>
        {
            var api = await run.OpenApiAsync().ConfigureAwait(false);
            var answer = await api.CancelAsync(parse.GetValue(id)!, run.Cancellation).ConfigureAwait(false);
            if (run.Json)
            {
                run.WriteJson(answer.Body);
            }
            else
            {
                var c = answer.Value;
                run.Out.WriteLine($"{c.DeploymentId}: {c.Status}; lock released: {YesNo(c.LockReleased)}; notified: {YesNo(c.Notified)}");
                run.Out.WriteLine($"the product stack stays; tear it down with: wso2ctl teardown ENV");
            }

            return ExitCodes.Succeeded;
        }, ct));
        return command;
    }

    public static Command Teardown(GlobalOptions options, CliContext context)
    {
        var environment = EnvironmentName();
        var wait = new Option<bool>("--wait") { Description = "Follow the teardown until it ends and exit with its outcome" };
        var interval = Following.Interval();
        var timeout = Following.Timeout();
        var command = new Command("teardown", "Delete an environment's product stack (DELETE /environments/{env}/stack)") { environment, wait, interval, timeout };
        command.SetAction((parse, ct) => Invocation.RunAsync(options, context, parse, async run =>
        {
            var api = await run.OpenApiAsync().ConfigureAwait(false);
            var started = await api.TeardownAsync(parse.GetValue(environment)!, run.Cancellation).ConfigureAwait(false);
            if (!parse.GetValue(wait))
            {
                if (run.Json)
                {
                    run.WriteJson(started.Body);
                }
                else
                {
                    run.Out.WriteLine($"started {started.Value.DeploymentId}");
                }

                return ExitCodes.Succeeded;
            }

            return await Following.FollowAsync(run, api, started.Value.DeploymentId, parse.GetValue(interval), parse.GetValue(timeout)).ConfigureAwait(false);
        }, ct));
        return command;
    }

    internal static Argument<string> DeploymentId() => new("id") { Description = "Deployment id (the execution name, e.g. 20261128-090000-3f9a1c2b)" };

    internal static Argument<string> EnvironmentName() => new("env") { Description = "Environment name (e.g. dev)" };

    private static string YesNo(bool value) => value ? "yes" : "no";
}

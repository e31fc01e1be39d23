using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Wso2Serverless.Domain.Events;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.StandIns.World;

/// <summary>
/// SSM Run Command on the simulated instances: targets by tag, runs node by node within
/// MaxConcurrency, stops sending after MaxErrors failures, and publishes the command and
/// per-instance "Status-change Notification" events. The DB scripts run on the Puppet Master;
/// the Puppet agent document on the role's nodes, with Puppet's output and exit codes.
/// </summary>
public sealed class SimulatedSsm(SimulatedWorld world) : ICommandService
{
    private const string Service = "ssm";
    /// <summary>What GetCommandInvocation returns of a command's output.</summary>
    public const int OutputLimit = 24_000;

    public Task<string> SendCommandAsync(SendCommandInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var lost = world.Throttles.Enter(Service, "SendCommand");
        SimulatedCommand command;
        lock (world.Gate)
        {
            var targets = world.Instances
                .Where(i => !i.Terminated && input.TargetTags.All(t => i.Tags.TryGetValue(t.Key, out var v) && v == t.Value))
                .ToList();
            command = new SimulatedCommand
            {
                CommandId = world.Ids.NewGuid().ToString(),
                DocumentName = input.DocumentName,
                Comment = input.Comment,
                RequestedAt = world.Clock.UtcNow,
                Targets = targets,
            };
            world.AllCommands.Add(command);
        }

        world.Spawn(ct => RunAsync(command, input, ct), $"command {command.CommandId}");
        return lost ? throw world.Throttles.AnswerLost(Service) : Task.FromResult(command.CommandId);
    }

    public Task<string?> FindCommandByCommentAsync(string comment, string documentName, DateTimeOffset invokedAfter, CancellationToken cancellationToken)
    {
        if (world.Throttles.Enter(Service, "ListCommands"))
        {
            throw world.Throttles.AnswerLost(Service);
        }
        lock (world.Gate)
        {
            return Task.FromResult(world.AllCommands.LastOrDefault(c => c.Comment == comment && c.DocumentName == documentName && c.RequestedAt >= invokedAfter)?.CommandId);
        }
    }

    public Task<CommandResult> GetCommandAsync(string commandId, CancellationToken cancellationToken)
    {
        if (world.Throttles.Enter(Service, "GetCommand"))
        {
            throw world.Throttles.AnswerLost(Service);
        }
        lock (world.Gate)
        {
            var command = world.AllCommands.FirstOrDefault(c => c.CommandId == commandId)
                ?? throw new CommandNotFoundException($"Command {commandId} not found (InvalidCommandId)");
            return Task.FromResult(command.Snapshot());
        }
    }

    private async Task RunAsync(SimulatedCommand command, SendCommandInput input, CancellationToken ct)
    {
        var concurrency = ParseLimit(input.MaxConcurrency, command.Targets.Count);
        var maxErrors = ParseLimit(input.MaxErrors, command.Targets.Count, zeroMeansZero: true);
        SetStatus(command, "InProgress");
        var errors = 0;
        foreach (var batch in command.Targets.Chunk(Math.Max(1, concurrency)))
        {
            if (errors > maxErrors)
            {
                break; // the error threshold stops further sends, as SSM does
            }

            // Each node runs as a flow of its own; the command waits for the batch on the clock.
            var runs = batch.Select(instance => RunOn(command, instance, ct)).ToList();
            await world.Clock.Scheduler.WhenAllAsync(runs).ConfigureAwait(false);
            errors += runs.Count(run => !run.Result);
        }

        SetStatus(command, errors > 0 ? "Failed" : "Success");
    }

    private Task<bool> RunOn(SimulatedCommand command, SimulatedInstance instance, CancellationToken ct)
    {
        var ok = false;
        var run = world.Clock.Scheduler.Spawn($"command {command.CommandId} on {instance.InstanceId}", async () => ok = await RunOnAsync(command, instance, ct).ConfigureAwait(false));
        return run.ContinueWith(_ => ok, CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task<bool> RunOnAsync(SimulatedCommand command, SimulatedInstance instance, CancellationToken ct)
    {
        PublishInvocation(command, instance, "InProgress");
        var isDatabase = instance.Role == AgentRoles.PuppetMaster;
        await world.Clock.DelayAsync(isDatabase ? world.Timings.DatabaseScripts : world.Timings.AgentRun, ct).ConfigureAwait(false);
        var (exitCode, output) = isDatabase ? DatabaseRun() : AgentRun(command, instance);
        var status = exitCode == 0 ? "Success" : "Failed";
        lock (world.Gate)
        {
            if (!isDatabase && exitCode == 0)
            {
                instance.ProductHealthy = true;
                instance.ProductHealthyAt ??= world.Clock.UtcNow;
            }

            command.Invocations.Add(new CommandInvocationResult(instance.InstanceId, status, exitCode,
                output.Length > OutputLimit ? output[..OutputLimit] : output));
        }

        PublishInvocation(command, instance, status);
        return exitCode == 0;
    }

    private (int ExitCode, string Output) DatabaseRun()
    {
        if (world.Faults.DatabaseScriptsExitCode is { } code)
        {
            return (code, "Creating database WSO2AM_DB\n"
                + "ERROR 1045 (28000): Access denied for user 'wso2carbon'@'10.0.1.23' (using password: YES)\n"
                + "FAILED: database scripts, stage apimgt: mysql exited with 1\n");
        }

        return (0, "Creating database WSO2AM_DB\nCreating database WSO2AM_SHARED_DB\n"
            + "Applying dbscripts/apimgt/mysql.sql\nApplying dbscripts/mysql.sql\n"
            + "OK: database scripts applied (mysql), tables AM_API and REG_RESOURCE present\n");
    }

    private (int ExitCode, string Output) AgentRun(SimulatedCommand command, SimulatedInstance instance)
    {
        var first = command.Targets.FirstOrDefault(t => t.Role == instance.Role) == instance;
        if (first && world.Faults.FailingAgentRoles.Contains(instance.Role))
        {
            // Long enough that only the first 24,000 characters come back, as from SSM.
            var log = new StringBuilder();
            log.Append("Error: Could not retrieve catalog from remote server: Error 500 on SERVER: Server Error: Evaluation Error: ")
               .Append(CultureInfo.InvariantCulture, $"Unknown variable: '$wso2::{instance.Role}::db_host'\n")
               .Append("Error: Failed to apply catalog: Could not find dependency Package[wso2am] for Service[wso2am]\n");
            for (var i = 0; log.Length < OutputLimit + 2000; i++)
            {
                log.Append(CultureInfo.InvariantCulture, $"Debug: /Stage[main]/Wso2/File[/opt/wso2/conf/{i}.toml]: evaluated\n");
            }

            log.Append("FAILED: puppet agent exited with 4\n");
            return (4, log.ToString());
        }

        return (0, "Info: Using environment 'production'\nNotice: /Stage[main]/Wso2/Service[wso2]/ensure: ensure changed 'stopped' to 'running'\n"
            + "Notice: Applied catalog in 512.31 seconds\n"
            + string.Create(CultureInfo.InvariantCulture, $"OK: {instance.Role} healthy on {instance.Tags.GetValueOrDefault("wso2:node")}\n"));
    }

    private void SetStatus(SimulatedCommand command, string status)
    {
        lock (world.Gate)
        {
            command.Status = status;
        }

        var detail = new JsonObject
        {
            ["command-id"] = command.CommandId,
            ["document-name"] = command.DocumentName,
            ["expire-after"] = Iso(command.RequestedAt.AddHours(2)),
            ["parameters"] = new JsonObject(),
            ["requested-date-time"] = Iso(command.RequestedAt),
            ["status"] = status,
        };
        world.Bus.Publish(EventSources.Ssm, EventSources.CommandStatusChange, [.. command.Targets.Select(InstanceArn)], detail);
    }

    private void PublishInvocation(SimulatedCommand command, SimulatedInstance instance, string status)
    {
        var detail = new JsonObject
        {
            ["command-id"] = command.CommandId,
            ["document-name"] = command.DocumentName,
            ["instance-id"] = instance.InstanceId,
            ["requested-date-time"] = Iso(command.RequestedAt),
            ["status"] = status,
        };
        world.Bus.Publish(EventSources.Ssm, EventSources.CommandInvocationStatusChange, [InstanceArn(instance)], detail);
    }

    private static string InstanceArn(SimulatedInstance instance) =>
        $"arn:aws:ec2:{SimulatedWorld.Region}:{SimulatedWorld.Account}:instance/{instance.InstanceId}";

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>"1", "10", "50%": SSM's concurrency and error limits.</summary>
    private static int ParseLimit(string value, int targets, bool zeroMeansZero = false)
    {
        if (value.EndsWith('%') && int.TryParse(value[..^1], CultureInfo.InvariantCulture, out var percent))
        {
            return Math.Max(zeroMeansZero ? 0 : 1, targets * percent / 100);
        }

        return int.TryParse(value, CultureInfo.InvariantCulture, out var n) ? n : (zeroMeansZero ? 0 : 1);
    }
}

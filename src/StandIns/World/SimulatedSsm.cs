using System.Globalization;
using System.Text.Json.Nodes;
using Wso2Serverless.Domain.Events;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.StandIns.World;

/// <summary>
/// SSM Run Command on the simulated instances: targets by tag, runs node by node within
/// MaxConcurrency, stops sending after MaxErrors failures, and publishes the command and
/// per-instance "Status-change Notification" events. The DB scripts run on the Puppet Master;
/// the Puppet agent document on the role's nodes, with Puppet's output and exit codes. What a
/// node prints follows the registered document's own shell (<see cref="CommandDocument"/>).
/// </summary>
public sealed class SimulatedSsm(SimulatedWorld world) : ICommandService
{
    private const string Service = "ssm";
    /// <summary>What GetCommandInvocation returns of a command's output.</summary>
    public const int OutputLimit = 24_000;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CommandDocument> _documents = new(StringComparer.Ordinal);

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
                Parameters = input.Parameters,
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
            var runs = batch.Select(instance => RunOn(command, input, instance, ct)).ToList();
            await world.Clock.Scheduler.WhenAllAsync(runs).ConfigureAwait(false);
            errors += runs.Count(run => !run.Result);
        }

        SetStatus(command, errors > 0 ? "Failed" : "Success");
    }

    private Task<bool> RunOn(SimulatedCommand command, SendCommandInput input, SimulatedInstance instance, CancellationToken ct)
    {
        var ok = false;
        var run = world.Clock.Scheduler.Spawn($"command {command.CommandId} on {instance.InstanceId}", async () => ok = await RunOnAsync(command, input, instance, ct).ConfigureAwait(false));
        return run.ContinueWith(_ => ok, CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task<bool> RunOnAsync(SimulatedCommand command, SendCommandInput input, SimulatedInstance instance, CancellationToken ct)
    {
        PublishInvocation(command, instance, "InProgress");
        var isDatabase = instance.Role == AgentRoles.PuppetMaster;
        await world.Clock.DelayAsync(isDatabase ? world.Timings.DatabaseScripts : world.Timings.AgentRun, ct).ConfigureAwait(false);
        var (exitCode, output) = isDatabase ? DatabaseRun(command, input, instance) : AgentRun(command, instance);
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

    /// <summary>
    /// The database scripts on the Puppet Master, as the document's shell prints them: the
    /// password comes from the SecureString the command names (read on the instance).
    /// </summary>
    private (int ExitCode, string Output) DatabaseRun(SimulatedCommand command, SendCommandInput input, SimulatedInstance instance)
    {
        var parameterName = input.Parameters.TryGetValue("DBPasswordParameterName", out var names) && names.Count > 0 ? names[0] : "";
        var stack = StackOf(instance);
        var dbHost = stack?.Parameters.GetValueOrDefault("WSO2APIMDBInstanceEndpointAddress") ?? "db.internal";
        return NodeOutputs.Database(DocumentOf(command), parameterName, world.Parameters.Decrypted(parameterName), dbHost, world.FaultsOf(instance).DatabaseScriptsExitCode);
    }

    /// <summary>
    /// A Puppet agent run, as the document's shell prints it; the catalog carries the database
    /// password the Puppet Master read from the stack's SecureString, so a diff of
    /// deployment.toml shows it.
    /// </summary>
    private (int ExitCode, string Output) AgentRun(SimulatedCommand command, SimulatedInstance instance)
    {
        var first = command.Targets.FirstOrDefault(t => t.Role == instance.Role) == instance;
        var fails = first && world.FaultsOf(instance).FailingAgentRoles.Contains(instance.Role);
        var password = StackOf(instance)?.Parameters.GetValueOrDefault("DBPasswordParameterName") is { } name ? world.Parameters.Decrypted(name) : null;
        return NodeOutputs.Agent(DocumentOf(command), instance.Role, instance.Tags.GetValueOrDefault("wso2:node") ?? instance.InstanceId, password, fails);
    }

    /// <summary>A document the account holds (registered from templates/ssm), as SSM would run it; an unknown one is SSM's InvalidDocument.</summary>
    private CommandDocument DocumentOf(SimulatedCommand command) =>
        _documents.TryGetValue(command.DocumentName, out var document)
            ? document
            : throw new InvalidOperationException($"InvalidDocument: {command.DocumentName} is not registered in the simulated account.");

    /// <summary>Creates (or updates) a command document in the simulated account.</summary>
    public void RegisterDocument(CommandDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        _documents[document.Name] = document;
    }

    private StackState? StackOf(SimulatedInstance instance)
    {
        lock (world.Gate)
        {
            return world.AllStacks.FirstOrDefault(s => s.StackId == instance.StackId);
        }
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
        world.Bus.Publish(EventSources.Ssm, EventSources.CommandStatusChange, [.. command.Targets.Select(InstanceArn)], detail,
            lose: world.Faults.LostCommandStatuses.Contains(status));
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
        world.Bus.Publish(EventSources.Ssm, EventSources.CommandInvocationStatusChange, [InstanceArn(instance)], detail,
            lose: world.Faults.LostCommandStatuses.Contains(status));
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

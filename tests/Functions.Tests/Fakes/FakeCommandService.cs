using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Functions.Tests.Fakes;

/// <summary>
/// A scripted SSM Run Command. Instances are registered with their tags; a command targets the
/// instances carrying every target tag, starts Pending, and finishes when the test says how each
/// instance ended (<see cref="Finish"/>). SSM marks any non-zero exit code Failed, as the real
/// service does; mapping Puppet's codes is the orchestrator's job. <see cref="StatusChanged"/> is
/// the "EC2 Command Status-change Notification" event.
/// </summary>
public sealed class FakeCommandService(IClock? clock = null) : ICommandService
{
    private readonly Lock _gate = new();
    private readonly List<FakeInstance> _instances = [];
    private readonly List<FakeCommand> _commands = [];

    public FaultPlan Faults { get; } = new();

    public event Action<CommandStatusChange>? StatusChanged;

    /// <summary>The next SendCommand creates its command, then fails as if its answer were lost on the way back.</summary>
    public bool LoseAnswerOfNextSend { get; set; }

    public IReadOnlyList<FakeCommand> Commands
    {
        get
        {
            lock (_gate)
            {
                return [.. _commands];
            }
        }
    }

    public void AddInstance(string instanceId, IReadOnlyDictionary<string, string> tags)
    {
        lock (_gate)
        {
            _instances.Add(new FakeInstance(instanceId, tags));
        }
    }

    /// <summary>The commands whose targets include the given role tag value.</summary>
    public IReadOnlyList<FakeCommand> CommandsFor(string tagKey, string tagValue)
    {
        lock (_gate)
        {
            return [.. _commands.Where(c => c.Input.TargetTags.TryGetValue(tagKey, out var v) && v == tagValue)];
        }
    }

    /// <summary>
    /// Ends every invocation of the command: the given exit code (per instance, or
    /// <paramref name="defaultExitCode"/>) and output. Overall status is Success when all exit 0.
    /// </summary>
    public void Finish(string commandId, int defaultExitCode = 0, string output = "", IReadOnlyDictionary<string, int>? exitCodes = null, string? overallStatus = null)
    {
        FakeCommand command;
        lock (_gate)
        {
            command = _commands.Single(c => c.CommandId == commandId);
            foreach (var instanceId in command.InstanceIds)
            {
                var code = exitCodes is not null && exitCodes.TryGetValue(instanceId, out var c) ? c : defaultExitCode;
                command.Invocations[instanceId] = new CommandInvocationResult(instanceId, code == 0 ? "Success" : "Failed", code, output);
            }

            command.Status = overallStatus ?? (command.Invocations.Values.All(i => i.ExitCode == 0) ? "Success" : "Failed");
        }

        StatusChanged?.Invoke(new CommandStatusChange(commandId, command.Status));
    }

    /// <summary>Moves the command to any status without touching invocations (InProgress, TimedOut...).</summary>
    public void SetStatus(string commandId, string status, bool emitEvent = true)
    {
        lock (_gate)
        {
            _commands.Single(c => c.CommandId == commandId).Status = status;
        }

        if (emitEvent)
        {
            StatusChanged?.Invoke(new CommandStatusChange(commandId, status));
        }
    }

    public Task<string> SendCommandAsync(SendCommandInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        Faults.Enter("SendCommand");
        lock (_gate)
        {
            var targets = _instances
                .Where(i => input.TargetTags.All(t => i.Tags.TryGetValue(t.Key, out var v) && v == t.Value))
                .Select(i => i.InstanceId)
                .ToList();
            var command = new FakeCommand($"cmd-{_commands.Count + 1:D4}", input, targets) { RequestedAt = clock?.UtcNow ?? DateTimeOffset.UtcNow };
            foreach (var id in targets)
            {
                command.Invocations[id] = new CommandInvocationResult(id, "Pending", null, "");
            }

            _commands.Add(command);
            if (LoseAnswerOfNextSend)
            {
                LoseAnswerOfNextSend = false;
                throw new FakeAwsException("InternalServerError", "the answer was lost after the command was created");
            }

            return Task.FromResult(command.CommandId);
        }
    }

    public Task<string?> FindCommandByCommentAsync(string comment, string documentName, DateTimeOffset invokedAfter, CancellationToken cancellationToken)
    {
        Faults.Enter("FindCommandByComment");
        lock (_gate)
        {
            // As SSM's ListCommands filters do: document name and requested time.
            return Task.FromResult(_commands.LastOrDefault(c => c.Input.Comment == comment && c.Input.DocumentName == documentName && c.RequestedAt >= invokedAfter)?.CommandId);
        }
    }

    public Task<CommandResult> GetCommandAsync(string commandId, CancellationToken cancellationToken)
    {
        Faults.Enter("GetCommand");
        lock (_gate)
        {
            var command = _commands.SingleOrDefault(c => c.CommandId == commandId)
                ?? throw new CommandNotFoundException($"SSM does not know command {commandId} (InvalidCommandId)");
            return Task.FromResult(new CommandResult(command.CommandId, command.Status, [.. command.Invocations.Values])
            {
                DocumentName = command.Input.DocumentName,
                Comment = command.Input.Comment,
            });
        }
    }
}

public sealed record FakeInstance(string InstanceId, IReadOnlyDictionary<string, string> Tags);

/// <summary>One sent command of the fake world.</summary>
public sealed class FakeCommand(string commandId, SendCommandInput input, IReadOnlyList<string> instanceIds)
{
    public string CommandId { get; } = commandId;
    public SendCommandInput Input { get; } = input;
    public IReadOnlyList<string> InstanceIds { get; } = instanceIds;
    public string Status { get; set; } = "Pending";
    public DateTimeOffset RequestedAt { get; init; }
    public Dictionary<string, CommandInvocationResult> Invocations { get; } = new(StringComparer.Ordinal);
}

public sealed record CommandStatusChange(string CommandId, string Status);

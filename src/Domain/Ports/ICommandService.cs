namespace Wso2Serverless.Domain.Ports;

/// <summary>SSM Run Command, as far as the orchestrator needs it.</summary>
public interface ICommandService
{
    /// <summary>Sends a command to the instances matching every tag in <see cref="SendCommandInput.TargetTags"/>; returns the command id.</summary>
    Task<string> SendCommandAsync(SendCommandInput input, CancellationToken cancellationToken);

    /// <summary>
    /// Finds a command this orchestrator sent earlier by its comment (which carries deployment,
    /// phase and attempt), among the commands of <paramref name="documentName"/> requested after
    /// <paramref name="invokedAfter"/>. Used when a send failed or its answer was lost, or a
    /// duplicate invocation finds a send in flight: the command may or may not have gone out.
    /// </summary>
    Task<string?> FindCommandByCommentAsync(string comment, string documentName, DateTimeOffset invokedAfter, CancellationToken cancellationToken);

    /// <summary>Overall and per-instance status, exit codes and output tails.</summary>
    /// <exception cref="CommandNotFoundException">SSM does not know the command.</exception>
    Task<CommandResult> GetCommandAsync(string commandId, CancellationToken cancellationToken);
}

public sealed record SendCommandInput
{
    public required string DocumentName { get; init; }
    public required IReadOnlyDictionary<string, string> TargetTags { get; init; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Parameters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public string MaxConcurrency { get; init; } = "1";
    /// <summary>"0": the first failing instance stops the rest.</summary>
    public string MaxErrors { get; init; } = "0";
    public int TimeoutSeconds { get; init; } = 600;
    public required string Comment { get; init; }
}

/// <summary>SSM's view of a command. Status: Pending, InProgress, Success, Failed, TimedOut, Cancelled...</summary>
public sealed record CommandResult(string CommandId, string Status, IReadOnlyList<CommandInvocationResult> Invocations)
{
    /// <summary>The document it ran, when the service said.</summary>
    public string? DocumentName { get; init; }

    /// <summary>The comment it was sent with (<c>wso2 &lt;deployment&gt; &lt;phase&gt; #&lt;attempt&gt;</c> for ours).</summary>
    public string? Comment { get; init; }
}

/// <summary>SSM does not know the command (InvalidCommandId): an event about it cannot be ours.</summary>
public sealed class CommandNotFoundException : Exception
{
    public CommandNotFoundException()
    {
    }

    public CommandNotFoundException(string message)
        : base(message)
    {
    }

    public CommandNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>One instance's run. <see cref="Output"/> is what SSM returned (at most 24,000 characters).</summary>
public sealed record CommandInvocationResult(string InstanceId, string Status, int? ExitCode, string Output);

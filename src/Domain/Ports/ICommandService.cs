namespace Wso2Serverless.Domain.Ports;

/// <summary>SSM Run Command, as far as the orchestrator needs it.</summary>
public interface ICommandService
{
    /// <summary>Sends a command to the instances matching every tag in <see cref="SendCommandInput.TargetTags"/>; returns the command id.</summary>
    Task<string> SendCommandAsync(SendCommandInput input, CancellationToken cancellationToken);

    /// <summary>
    /// Finds a command this orchestrator sent earlier by its comment (which carries deployment,
    /// phase and attempt). Used when a duplicate invocation finds a send recorded as started but
    /// not finished: the command may or may not have gone out.
    /// </summary>
    Task<string?> FindCommandByCommentAsync(string comment, CancellationToken cancellationToken);

    /// <summary>Overall and per-instance status, exit codes and output tails.</summary>
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
public sealed record CommandResult(string CommandId, string Status, IReadOnlyList<CommandInvocationResult> Invocations);

/// <summary>One instance's run. <see cref="Output"/> is what SSM returned (at most 24,000 characters).</summary>
public sealed record CommandInvocationResult(string InstanceId, string Status, int? ExitCode, string Output);

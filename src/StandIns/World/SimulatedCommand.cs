using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.StandIns.World;

/// <summary>An SSM Run Command in the simulated world, mutable under the world's lock.</summary>
public sealed class SimulatedCommand
{
    public required string CommandId { get; init; }
    public required string DocumentName { get; init; }
    public required string Comment { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }
    public required IReadOnlyList<SimulatedInstance> Targets { get; init; }
    /// <summary>The document parameters it was sent with: what its shell's command line holds.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Parameters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public string Status { get; set; } = "Pending";
    public List<CommandInvocationResult> Invocations { get; } = [];

    public CommandResult Snapshot() => new(CommandId, Status, [.. Invocations]) { DocumentName = DocumentName, Comment = Comment };
}

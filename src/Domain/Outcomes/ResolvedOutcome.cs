using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Domain.Outcomes;

/// <summary>
/// The end of a wait as the resolvers see it: the callback to send, and what the phase record
/// should show about it (merge <see cref="Detail"/> into <see cref="PhaseRecord.Detail"/>;
/// <see cref="Instances"/> replaces <see cref="PhaseRecord.Instances"/> for commands).
/// <see cref="Reason"/> is the one-line human reason on failure (also the callback's cause).
/// </summary>
public sealed record ResolvedOutcome(
    CallbackOutcome Outcome,
    IReadOnlyDictionary<string, string> Detail,
    IReadOnlyList<InstanceResult> Instances,
    string? Reason)
{
    public bool Succeeded => Outcome.Succeeded;
}

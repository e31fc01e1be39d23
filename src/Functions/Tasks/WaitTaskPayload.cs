using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// What every callback task receives: the deployment, its task token and, for agent runs, the
/// role. The same request serves a first entry and a re-entry after Reconcile: the task finds
/// from the phase record whether its work already started.
/// </summary>
public sealed record WaitTaskRequest
{
    public string? Operation { get; init; }
    public required Deployment Deployment { get; init; }
    public required string TaskToken { get; init; }
    public AgentStep? Agent { get; init; }
}

/// <summary>What the task did (the state machine ignores it; tests and logs read it).</summary>
/// <param name="Mode">"started" (work begun), "resumed" (work found running, token re-registered) or "skipped".</param>
public sealed record WaitTaskResult(string Phase, string Mode, string? CorrelationKey);

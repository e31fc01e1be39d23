using System.Text.Json;
using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>What the Accept state sends: the raw execution input and who the execution is.</summary>
public sealed record AcceptRequest
{
    /// <summary>"deploy" (default) or "teardown" (the teardown state machine).</summary>
    public string? Operation { get; init; }
    public JsonElement Input { get; init; }
    /// <summary>The execution name: it is the deployment id.</summary>
    public required string ExecutionName { get; init; }
    public string? ExecutionArn { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
}

/// <summary>
/// Accepted with the normalised deployment, or rejected with the reason (the deployment record
/// already says Rejected). Returned rather than thrown so the state machine routes on it without
/// depending on how the runtime names exceptions.
/// </summary>
public sealed record AcceptResult(bool Accepted, Deployment? Deployment, TaskError? Error);

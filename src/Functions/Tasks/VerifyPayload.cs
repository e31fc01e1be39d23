using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Functions.Tasks;

public sealed record VerifyRequest
{
    public required Deployment Deployment { get; init; }
}

/// <summary>Healthy, or the first problems found (Catch shape) for the failure path.</summary>
public sealed record VerifyResult(bool Healthy, IReadOnlyDictionary<string, string> Endpoints, TaskError? Error);

using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.StandIns.World;

/// <summary>One stack in the simulated CloudFormation, mutable under the world's lock.</summary>
public sealed class StackState
{
    public required string StackId { get; init; }
    public required string StackName { get; init; }
    public required string ClientRequestToken { get; init; }
    public required string OnFailure { get; init; }
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }
    public required IReadOnlyDictionary<string, string> Tags { get; init; }
    public required IReadOnlyList<(string LogicalId, string Type)> Resources { get; init; }
    public string Status { get; set; } = "CREATE_IN_PROGRESS";
    public string? StatusReason { get; set; }
    public Dictionary<string, string> Outputs { get; } = new(StringComparer.Ordinal);
    public List<StackEvent> Events { get; } = [];
    public string? DeleteToken { get; set; }
    /// <summary>Load balancer DNS name: what the outputs and the probe share.</summary>
    public required string LoadBalancerDns { get; init; }

    public bool IsDeleted => Status == "DELETE_COMPLETE";

    public StackDescription Describe() => new(StackId, StackName, Status, StatusReason,
        new Dictionary<string, string>(Outputs, StringComparer.Ordinal), Parameters, Tags);
}

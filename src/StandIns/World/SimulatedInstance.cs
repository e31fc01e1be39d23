namespace Wso2Serverless.StandIns.World;

/// <summary>An EC2 instance of a simulated stack, tagged as CloudFormation and the template tag it.</summary>
public sealed class SimulatedInstance
{
    public required string InstanceId { get; init; }
    public required string StackId { get; init; }
    public required string Role { get; init; }
    public required IReadOnlyDictionary<string, string> Tags { get; init; }
    public bool Terminated { get; set; }
    /// <summary>The product answers on this node (a successful Puppet agent run started it).</summary>
    public bool ProductHealthy { get; set; }
    /// <summary>When the product started answering (the load balancer's checks count from here).</summary>
    public DateTimeOffset? ProductHealthyAt { get; set; }
}

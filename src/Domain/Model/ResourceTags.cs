namespace Wso2Serverless.Domain.Model;

/// <summary>
/// Tags the orchestrator puts on the stack (CloudFormation propagates stack tags to the
/// instances) and the template puts on each instance's role. SSM commands target instances by
/// these tags, so they must match the product template exactly.
/// </summary>
public static class ResourceTags
{
    public const string Environment = "wso2:environment";
    public const string DeploymentId = "wso2:deployment-id";
    public const string Role = "wso2:role";

    /// <summary>The orchestrator that created the stack (its own stack name): only such stacks are ever deleted.</summary>
    public const string Orchestrator = "wso2:orchestrator";
}

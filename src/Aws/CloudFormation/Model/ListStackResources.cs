namespace Wso2Serverless.Aws.CloudFormation.Model;

public sealed class ListStackResourcesRequest
{
    public string StackName { get; set; } = "";
    public string? NextToken { get; set; }
}

public sealed class ListStackResourcesResponse
{
    public IList<StackResourceSummary> StackResourceSummaries { get; init; } = [];
    public string? NextToken { get; set; }
}

public sealed class StackResourceSummary
{
    public string LogicalResourceId { get; set; } = "";
    public string? PhysicalResourceId { get; set; }
    public string ResourceType { get; set; } = "";
    public string ResourceStatus { get; set; } = "";
}

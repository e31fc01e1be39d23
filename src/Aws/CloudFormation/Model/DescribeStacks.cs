namespace Wso2Serverless.Aws.CloudFormation.Model;

public sealed class DescribeStacksRequest
{
    public string? StackName { get; set; }
    public string? NextToken { get; set; }
}

public sealed class DescribeStacksResponse
{
    public IList<Stack> Stacks { get; init; } = [];
    public string? NextToken { get; set; }
}

namespace Wso2Serverless.Aws.CloudFormation.Model;

public sealed class DescribeStackEventsRequest
{
    public string StackName { get; set; } = "";
    public string? NextToken { get; set; }
}

public sealed class DescribeStackEventsResponse
{
    public IList<StackEvent> StackEvents { get; init; } = [];
    public string? NextToken { get; set; }
}

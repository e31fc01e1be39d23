namespace Wso2Serverless.Aws.CloudFormation.Model;

public sealed class StackEvent
{
    public string EventId { get; set; } = "";
    public string StackId { get; set; } = "";
    public string StackName { get; set; } = "";
    public string LogicalResourceId { get; set; } = "";
    public string? PhysicalResourceId { get; set; }
    public string ResourceType { get; set; } = "";
    public string ResourceStatus { get; set; } = "";
    public string? ResourceStatusReason { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    public string? ClientRequestToken { get; set; }
}

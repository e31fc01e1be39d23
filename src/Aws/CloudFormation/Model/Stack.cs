namespace Wso2Serverless.Aws.CloudFormation.Model;

#pragma warning disable CA1711 // the official SDK calls it Stack; keeping the name keeps a later swap mechanical
public sealed class Stack
#pragma warning restore CA1711
{
    public string StackId { get; set; } = "";
    public string StackName { get; set; } = "";
    public string StackStatus { get; set; } = "";
    public string? StackStatusReason { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset? CreationTime { get; set; }
    public DateTimeOffset? LastUpdatedTime { get; set; }
    public IList<Parameter> Parameters { get; init; } = [];
    public IList<Output> Outputs { get; init; } = [];
    public IList<Tag> Tags { get; init; } = [];
    public IList<string> Capabilities { get; init; } = [];
}

namespace Wso2Serverless.Aws.CloudFormation.Model;

public sealed class Output
{
    public string OutputKey { get; set; } = "";
    public string? OutputValue { get; set; }
    public string? Description { get; set; }
    public string? ExportName { get; set; }
}

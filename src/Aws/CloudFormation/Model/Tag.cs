namespace Wso2Serverless.Aws.CloudFormation.Model;

public sealed class Tag
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}

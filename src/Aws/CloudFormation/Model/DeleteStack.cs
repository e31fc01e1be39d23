namespace Wso2Serverless.Aws.CloudFormation.Model;

public sealed class DeleteStackRequest
{
    public string StackName { get; set; } = "";
    public string? ClientRequestToken { get; set; }
    public string? RoleARN { get; set; }
}

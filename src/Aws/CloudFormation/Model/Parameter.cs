namespace Wso2Serverless.Aws.CloudFormation.Model;

/// <summary>A stack parameter value (named as in AWSSDK.CloudFormation).</summary>
public sealed class Parameter
{
    public string ParameterKey { get; set; } = "";
    public string? ParameterValue { get; set; }
    public bool? UsePreviousValue { get; set; }
}

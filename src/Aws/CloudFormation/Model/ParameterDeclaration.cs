namespace Wso2Serverless.Aws.CloudFormation.Model;

public sealed class ParameterDeclaration
{
    public string ParameterKey { get; set; } = "";
    public string? DefaultValue { get; set; }
    public string ParameterType { get; set; } = "";
    public bool NoEcho { get; set; }
    public string? Description { get; set; }
    public ParameterConstraints ParameterConstraints { get; set; } = new();
}

public sealed class ParameterConstraints
{
    public IList<string> AllowedValues { get; init; } = [];
}

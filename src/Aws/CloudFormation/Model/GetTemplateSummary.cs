namespace Wso2Serverless.Aws.CloudFormation.Model;

public sealed class GetTemplateSummaryRequest
{
    public string? TemplateBody { get; set; }
#pragma warning disable CA1056 // named as the API and the official SDK name it
    public string? TemplateURL { get; set; }
#pragma warning restore CA1056
    public string? StackName { get; set; }
}

public sealed class GetTemplateSummaryResponse
{
    public IList<ParameterDeclaration> Parameters { get; init; } = [];
    public string? Description { get; set; }
    public IList<string> Capabilities { get; init; } = [];
    public IList<string> ResourceTypes { get; init; } = [];
    public string? Version { get; set; }
}

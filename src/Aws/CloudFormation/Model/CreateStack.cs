namespace Wso2Serverless.Aws.CloudFormation.Model;

/// <summary>Either <see cref="TemplateURL"/> or <see cref="TemplateBody"/>, as the API demands.</summary>
public sealed class CreateStackRequest
{
    public string StackName { get; set; } = "";
    public string? TemplateBody { get; set; }
#pragma warning disable CA1056 // named as the API and the official SDK name it
    public string? TemplateURL { get; set; }
#pragma warning restore CA1056
    public IList<Parameter> Parameters { get; init; } = [];
    public IList<Tag> Tags { get; init; } = [];
    public IList<string> Capabilities { get; init; } = [];
    public IList<string> NotificationARNs { get; init; } = [];
    public string? ClientRequestToken { get; set; }
    /// <summary>ROLLBACK, DELETE or DO_NOTHING.</summary>
    public string? OnFailure { get; set; }
    public int? TimeoutInMinutes { get; set; }
    public string? RoleARN { get; set; }
}

public sealed class CreateStackResponse
{
    public string StackId { get; set; } = "";
}

namespace Wso2Serverless.Aws.Ssm.Model;

public sealed class SendCommandRequest
{
    public string DocumentName { get; set; } = "";
    /// <summary>Instance ids or <see cref="Targets"/>, never both.</summary>
    public List<string>? InstanceIds { get; set; }
    public List<Target>? Targets { get; set; }
    public Dictionary<string, List<string>>? Parameters { get; set; }
    public string? MaxConcurrency { get; set; }
    public string? MaxErrors { get; set; }
    public int? TimeoutSeconds { get; set; }
    /// <summary>At most 100 characters.</summary>
    public string? Comment { get; set; }
}

public sealed class SendCommandResponse
{
    public Command? Command { get; set; }
}

/// <summary>Instances by tag: <c>Key = "tag:&lt;name&gt;"</c>, the tag values.</summary>
public sealed class Target
{
    public string Key { get; set; } = "";
    public List<string> Values { get; set; } = [];
}

namespace Wso2Serverless.Aws.Ssm.Model;

public sealed class ListCommandInvocationsRequest
{
    public string? CommandId { get; set; }
    public string? InstanceId { get; set; }
    public bool? Details { get; set; }
    public int? MaxResults { get; set; }
    public string? NextToken { get; set; }
}

public sealed class ListCommandInvocationsResponse
{
    public List<CommandInvocation>? CommandInvocations { get; set; }
    public string? NextToken { get; set; }
}

/// <summary>The command on one instance.</summary>
public sealed class CommandInvocation
{
    public string? CommandId { get; set; }
    public string InstanceId { get; set; } = "";
    public string? DocumentName { get; set; }
    public string? Comment { get; set; }
    public DateTime? RequestedDateTime { get; set; }
    /// <summary><see cref="CommandStatus"/>, plus Delayed and Undeliverable, which only an invocation has.</summary>
    public string? Status { get; set; }
    public string? StatusDetails { get; set; }
}

public sealed class GetCommandInvocationRequest
{
    public string CommandId { get; set; } = "";
    public string InstanceId { get; set; } = "";
    public string? PluginName { get; set; }
}

public sealed class GetCommandInvocationResponse
{
    public string? CommandId { get; set; }
    public string? InstanceId { get; set; }
    public string? DocumentName { get; set; }
    public string? Comment { get; set; }
    public string? Status { get; set; }
    public string? StatusDetails { get; set; }
    /// <summary>The script's exit code; -1 until it has finished.</summary>
    public int? ResponseCode { get; set; }
    /// <summary>At most 24,000 characters; the rest is in S3 or CloudWatch if configured.</summary>
    public string? StandardOutputContent { get; set; }
    public string? StandardErrorContent { get; set; }
}

namespace Wso2Serverless.Domain.Ports;

/// <summary>CloudFormation, as far as the orchestrator needs it.</summary>
public interface IStackService
{
    /// <summary>Starts creation and returns the stack id. Idempotent for one ClientRequestToken.</summary>
    Task<string> CreateStackAsync(CreateStackInput input, CancellationToken cancellationToken);

    Task DeleteStackAsync(string stackNameOrId, string clientRequestToken, CancellationToken cancellationToken);

    /// <summary>The stack, or null when it does not exist.</summary>
    Task<StackDescription?> DescribeStackAsync(string stackNameOrId, CancellationToken cancellationToken);

    /// <summary>Every event of the stack, newest first (all pages).</summary>
    Task<IReadOnlyList<StackEvent>> DescribeStackEventsAsync(string stackNameOrId, CancellationToken cancellationToken);

    /// <summary>The template's parameter declarations (for the preflight check).</summary>
    Task<TemplateSummary> GetTemplateSummaryAsync(string? templateUrl, string? templateBody, CancellationToken cancellationToken);
}

public sealed record CreateStackInput
{
    public required string StackName { get; init; }
    public string? TemplateUrl { get; init; }
    public string? TemplateBody { get; init; }
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }
    public required IReadOnlyDictionary<string, string> Tags { get; init; }
    public required string ClientRequestToken { get; init; }
    /// <summary>ROLLBACK, DELETE or DO_NOTHING (keep the failed resources for debugging).</summary>
    public string OnFailure { get; init; } = "ROLLBACK";
    public int? TimeoutInMinutes { get; init; }
    public IReadOnlyList<string> Capabilities { get; init; } = ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"];
    public IReadOnlyList<string> NotificationArns { get; init; } = [];
}

public sealed record StackDescription(
    string StackId,
    string StackName,
    string Status,
    string? StatusReason,
    IReadOnlyDictionary<string, string> Outputs,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, string> Tags);

public sealed record StackEvent(
    string EventId,
    string LogicalResourceId,
    string ResourceType,
    string ResourceStatus,
    string? ResourceStatusReason,
    DateTimeOffset Timestamp);

public sealed record TemplateSummary(IReadOnlyList<TemplateParameter> Parameters);

public sealed record TemplateParameter(
    string Name,
    string Type,
    string? DefaultValue,
    bool NoEcho,
    IReadOnlyList<string> AllowedValues,
    string? Description);

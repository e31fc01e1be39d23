namespace Wso2Serverless.Domain.Validation;

/// <summary>
/// What one installation of the orchestrator lets a request reach, beyond the input contract:
/// rules that need its settings (its own stack name, the stack-name prefix and template bucket
/// its IAM is scoped to, its account and region). deployment-input.schema.json cannot know
/// these, so they are checked here (<see cref="ScopeRules"/>) and listed apart from the schema.
/// An empty member means that rule is off (tests and tools that set nothing).
/// </summary>
public sealed record RequestScope
{
    public static RequestScope Unrestricted { get; } = new();

    /// <summary>Every stack name must start with it: the functions' IAM and the stack rule are scoped to it.</summary>
    public string StackNamePrefix { get; init; } = "";

    /// <summary>The orchestrator's own stack: it, and names that start with it and '-', are never a product stack.</summary>
    public string OrchestratorName { get; init; } = "";

    /// <summary>The bucket product templates must come from (CloudFormation reads them as the caller).</summary>
    public string TemplateBucket { get; init; } = "";

    /// <summary>The key prefix product templates must be under.</summary>
    public string TemplatePrefix { get; init; } = "";

    /// <summary>The account and region a request's SNS topic must be in.</summary>
    public string Account { get; init; } = "";

    public string Region { get; init; } = "";

    /// <summary>A request's own topic must be named with this prefix (the functions may publish only there).</summary>
    public string TopicNamePrefix { get; init; } = "";

    /// <summary>The orchestrator's own topic, always allowed.</summary>
    public string OwnTopicArn { get; init; } = "";
}

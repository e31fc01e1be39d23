using Wso2Serverless.Domain.Validation;

namespace Wso2Serverless.Functions.Hosting;

/// <summary>
/// Configuration every function reads from its environment variables (set by
/// <c>serverless.template</c>). Names of AWS resources only: no secret is ever configured here.
/// </summary>
public sealed record OrchestratorSettings
{
    public required string TableName { get; init; }
    public string StateMachineArn { get; init; } = "";
    public string TeardownStateMachineArn { get; init; } = "";
    public string TopicArn { get; init; } = "";
    /// <summary>Where the bundled pattern-1 template was uploaded (S3 HTTPS URL).</summary>
    public string BundledTemplateUrl { get; init; } = "";
    public string DatabaseDocumentName { get; init; } = "";
    public string AgentDocumentName { get; init; } = "";
    /// <summary>The role CloudFormation assumes to create the product stack (passed explicitly).</summary>
    public string StackRoleArn { get; init; } = "";
    public TimeSpan LockLease { get; init; } = TimeSpan.FromHours(3);
    /// <summary>How long records of finished runs and stale tokens are kept (DynamoDB TTL).</summary>
    public TimeSpan RecordRetention { get; init; } = TimeSpan.FromDays(90);
    /// <summary>Base of the status URLs the API returns.</summary>
    public string ApiBaseUrl { get; init; } = "";
    /// <summary>
    /// Every product stack name must start with this: the template scopes the functions' IAM
    /// (create, delete, describe) and the CloudFormation event rule to it. Empty: no check.
    /// </summary>
    public string StackNamePrefix { get; init; } = "";

    /// <summary>
    /// The orchestrator's own stack name. Every product stack is tagged with it
    /// (<c>wso2:orchestrator</c>), only stacks carrying it are ever deleted, and it is never a
    /// product stack's name. Empty: no tag and no such check (tests and tools).
    /// </summary>
    public string OrchestratorName { get; init; } = "";

    /// <summary>Bucket and key prefix product templates must come from (the functions' IAM reads only there).</summary>
    public string TemplateBucketName { get; init; } = "";

    public string TemplatePrefix { get; init; } = "";

    /// <summary>A request's own SNS topic must be named with this prefix (the functions may publish only there).</summary>
    public string ExtraTopicPrefix { get; init; } = "";

    /// <summary>
    /// The permissions boundary every role of a product stack must carry: the stack role may
    /// create roles only with it. Passed to the template as <c>PermissionsBoundaryArn</c>.
    /// </summary>
    public string PermissionsBoundaryArn { get; init; } = "";

    /// <summary>What a request may reach in this installation (<see cref="ScopeRules"/>).</summary>
    public RequestScope Scope()
    {
        // The account and region are those of the orchestrator's own topic (or state machine).
        var arn = (TopicArn.Length > 0 ? TopicArn : StateMachineArn).Split(':');
        return new RequestScope
        {
            StackNamePrefix = StackNamePrefix,
            OrchestratorName = OrchestratorName,
            TemplateBucket = TemplateBucketName,
            TemplatePrefix = TemplatePrefix,
            Region = arn.Length > 4 ? arn[3] : "",
            Account = arn.Length > 4 ? arn[4] : "",
            TopicNamePrefix = ExtraTopicPrefix,
            OwnTopicArn = TopicArn,
        };
    }

    public static OrchestratorSettings FromEnvironment(Func<string, string?> get)
    {
        ArgumentNullException.ThrowIfNull(get);
        string Read(string name, string fallback = "") => get(name) is { Length: > 0 } v ? v : fallback;
        return new OrchestratorSettings
        {
            TableName = Read("TABLE_NAME", "wso2-serverless"),
            StateMachineArn = Read("STATE_MACHINE_ARN"),
            TeardownStateMachineArn = Read("TEARDOWN_STATE_MACHINE_ARN"),
            TopicArn = Read("TOPIC_ARN"),
            BundledTemplateUrl = Read("BUNDLED_TEMPLATE_URL"),
            DatabaseDocumentName = Read("DATABASE_DOCUMENT_NAME"),
            AgentDocumentName = Read("AGENT_DOCUMENT_NAME"),
            StackRoleArn = Read("STACK_ROLE_ARN"),
            ApiBaseUrl = Read("API_BASE_URL"),
            StackNamePrefix = Read("STACK_NAME_PREFIX"),
            OrchestratorName = Read("ORCHESTRATOR_NAME"),
            TemplateBucketName = Read("TEMPLATE_BUCKET"),
            TemplatePrefix = Read("TEMPLATE_PREFIX"),
            ExtraTopicPrefix = Read("EXTRA_TOPIC_PREFIX"),
            PermissionsBoundaryArn = Read("PERMISSIONS_BOUNDARY_ARN"),
            LockLease = TimeSpan.FromMinutes(int.TryParse(get("LOCK_LEASE_MINUTES"), out var m) && m > 0 ? m : 180),
        };
    }
}

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
            LockLease = TimeSpan.FromMinutes(int.TryParse(get("LOCK_LEASE_MINUTES"), out var m) && m > 0 ? m : 180),
        };
    }
}

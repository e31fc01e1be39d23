namespace Wso2Serverless.Domain.Model;

/// <summary>
/// One deployment after Accept has validated and normalised the request: every default is
/// filled in, so later phases never guess. It travels through the workflow as <c>$.deployment</c>
/// and therefore holds references to secrets (SSM parameter names), never their values.
/// </summary>
public sealed record Deployment
{
    /// <summary>Equals the Step Functions execution name, so every component derives it alike.</summary>
    public required string DeploymentId { get; init; }
    public required string Environment { get; init; }
    public required string StackName { get; init; }

    /// <summary>S3 HTTPS URL of the product template; null means the bundled pattern-1 template.</summary>
    public string? TemplateUrl { get; init; }

    /// <summary>Stack parameters, secret references already merged in under their parameter names.</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>Secret references: logical name to SSM SecureString parameter name.</summary>
    public required IReadOnlyDictionary<string, string> Secrets { get; init; }

    public bool Rebuild { get; init; }

    /// <summary>Agent roles in the order they run, e.g. ["apim", "mi"].</summary>
    public required IReadOnlyList<AgentStep> Agents { get; init; }

    public required PhaseTimeouts Timeouts { get; init; }
    public FailurePolicy FailurePolicy { get; init; } = FailurePolicy.Keep;
    public NotificationOptions? Notification { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>Who or what started it: console, api, schedule.</summary>
    public string Trigger { get; init; } = "console";

    /// <summary>How Verify judges the stack beyond the load balancer's target health.</summary>
    public VerifyOptions Verify { get; init; } = new();
}

/// <summary>
/// Verify always asks the load balancer for its targets' health. <see cref="ProbeUrls"/> also
/// calls the URLs the stack publishes, trusting exactly the certificate of the stack's listeners;
/// off by default, because the caller (a Lambda outside the VPC) is usually outside ClientCidr.
/// </summary>
public sealed record VerifyOptions(bool ProbeUrls = false);

/// <summary>One agent role to run, with how many of its nodes may run Puppet at once.</summary>
public sealed record AgentStep(string Role, string MaxConcurrency = "1");

/// <summary>
/// Bounded waits, in seconds. They feed the state machine's <c>TimeoutSecondsPath</c>; each
/// wait is retried (reconciled) at most <see cref="MaxWaitAttempts"/> times.
/// </summary>
public sealed record PhaseTimeouts
{
    public int RemoveOldSeconds { get; init; } = 1800;
    public int CreateStackSeconds { get; init; } = 3600;
    public int PuppetMasterSeconds { get; init; } = 1800;
    /// <summary>A progress signal must arrive within this; the Puppet Master sends one per stage.</summary>
    public int PuppetMasterHeartbeatSeconds { get; init; } = 900;
    public int DatabaseScriptsSeconds { get; init; } = 900;
    public int AgentSeconds { get; init; } = 1800;
    /// <summary>How long the load balancer's targets may take to turn healthy after the agent runs.</summary>
    public int VerifySeconds { get; init; } = 300;
    /// <summary>Between two looks at the targets' health (ELB sends no events for it).</summary>
    public int VerifyIntervalSeconds { get; init; } = 60;
    public int MaxWaitAttempts { get; init; } = 2;
}

public enum FailurePolicy
{
    /// <summary>Leave the failed stack in place for debugging (the default: evidence first).</summary>
    Keep,
    /// <summary>Delete the failed stack so it costs nothing.</summary>
    Delete,
}

/// <summary>Per-request notification overrides.</summary>
public sealed record NotificationOptions(string? TopicArn = null, bool NotifyOnSuccess = true, string? SubjectPrefix = null);

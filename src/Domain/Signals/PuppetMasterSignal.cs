namespace Wso2Serverless.Domain.Signals;

/// <summary>
/// The signal contract between the Puppet Master's user data and the event router. The
/// instance sends these with <c>aws events put-events</c>; the product template builds its
/// entries from the same constants (the template tests check that they agree). Each
/// environment signals under a source of its own, the only one its Puppet Master role may put
/// (an <c>events:source</c> condition), so one environment cannot speak for another.
/// <code>
/// { "Source": "wso2.orchestrator.dev", "DetailType": "Puppet Master Signal",
///   "Detail": { "deploymentId": "...", "stage": "modules", "status": "PROGRESS", "message": "..." } }
/// </code>
/// </summary>
public static class PuppetMasterSignal
{
    /// <summary>Every environment's source starts with this; the event rule matches the prefix.</summary>
    public const string SourcePrefix = "wso2.orchestrator.";
    public const string DetailType = "Puppet Master Signal";

    /// <summary>A step finished; recorded as a sub-step and sent as a task heartbeat.</summary>
    public const string Progress = "PROGRESS";

    /// <summary>The Puppet Master is configured and serving: the wait ends in success.</summary>
    public const string Ready = "READY";

    /// <summary>A step failed; <c>stage</c> names it and <c>message</c> says why. The wait fails.</summary>
    public const string Failed = "FAILED";

    /// <summary>The source the Puppet Master of <paramref name="environment"/> signals under.</summary>
    public static string SourceFor(string environment)
    {
        ArgumentException.ThrowIfNullOrEmpty(environment);
        return SourcePrefix + environment;
    }

    /// <summary>The environment a signal source speaks for; null when it is not a signal source.</summary>
    public static string? EnvironmentOf(string? source) =>
        source is not null && source.Length > SourcePrefix.Length && source.StartsWith(SourcePrefix, StringComparison.Ordinal)
            ? source[SourcePrefix.Length..]
            : null;

    /// <summary>
    /// Correlation key of the Puppet Master wait of one deployment. The environment is part of it:
    /// a signal under another environment's source never finds this deployment's token.
    /// </summary>
    public static string CorrelationKey(string environment, string deploymentId) => $"signal:{environment}:{deploymentId}:puppetmaster";
}

/// <summary>The <c>detail</c> of a Puppet Master signal event.</summary>
public sealed record PuppetMasterSignalDetail(string DeploymentId, string Stage, string Status, string? Message);

namespace Wso2Serverless.Domain.Signals;

/// <summary>
/// The signal contract between the Puppet Master's user data and the event router. The
/// instance sends these with <c>aws events put-events</c>; the product template builds its
/// entries from the same constants (the template tests check that they agree).
/// <code>
/// { "Source": "wso2.orchestrator", "DetailType": "Puppet Master Signal",
///   "Detail": { "deploymentId": "...", "stage": "modules", "status": "PROGRESS", "message": "..." } }
/// </code>
/// </summary>
public static class PuppetMasterSignal
{
    public const string Source = "wso2.orchestrator";
    public const string DetailType = "Puppet Master Signal";

    /// <summary>A step finished; recorded as a sub-step and sent as a task heartbeat.</summary>
    public const string Progress = "PROGRESS";

    /// <summary>The Puppet Master is configured and serving: the wait ends in success.</summary>
    public const string Ready = "READY";

    /// <summary>A step failed; <c>stage</c> names it and <c>message</c> says why. The wait fails.</summary>
    public const string Failed = "FAILED";

    /// <summary>Correlation key of the Puppet Master wait for one deployment.</summary>
    public static string CorrelationKey(string deploymentId) => $"signal:{deploymentId}:puppetmaster";
}

/// <summary>The <c>detail</c> of a Puppet Master signal event.</summary>
public sealed record PuppetMasterSignalDetail(string DeploymentId, string Stage, string Status, string? Message);

using Wso2Serverless.Domain.Signals;

namespace Wso2Serverless.Domain.Model;

/// <summary>
/// How a waiting task and the event that ends its wait find each other in the token store.
/// Both sides build the key from what the event itself carries.
/// </summary>
public static class CorrelationKeys
{
    /// <summary>A stack wait, keyed by the stack id (ARN) that CloudFormation's events carry.</summary>
    public static string Stack(string stackId) => $"stack:{stackId}";

    /// <summary>An SSM command wait, keyed by the command id the command's events carry.</summary>
    public static string Command(string commandId) => $"command:{commandId}";

    /// <summary>The Puppet Master readiness wait of one deployment, under its environment's signal source.</summary>
    public static string PuppetMaster(string environment, string deploymentId) => PuppetMasterSignal.CorrelationKey(environment, deploymentId);
}

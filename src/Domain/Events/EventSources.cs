using Wso2Serverless.Domain.Signals;

namespace Wso2Serverless.Domain.Events;

/// <summary>
/// The (source, detail-type) pairs the orchestrator listens to. The EventBridge rules in
/// <c>serverless.template</c> match exactly these strings (the signal sources by their prefix).
/// </summary>
public static class EventSources
{
    public const string CloudFormation = "aws.cloudformation";
    public const string StackStatusChange = "CloudFormation Stack Status Change";

    public const string Ssm = "aws.ssm";
    public const string CommandStatusChange = "EC2 Command Status-change Notification";
    public const string CommandInvocationStatusChange = "EC2 Command Invocation Status-change Notification";

    public const string StepFunctions = "aws.states";
    public const string ExecutionStatusChange = "Step Functions Execution Status Change";

    /// <summary>Each environment's Puppet Master signals under this prefix and its environment's name.</summary>
    public const string SignalSourcePrefix = PuppetMasterSignal.SourcePrefix;
    public const string PuppetMasterSignalType = PuppetMasterSignal.DetailType;
}

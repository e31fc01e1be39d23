namespace Wso2Serverless.Domain.Outcomes;

/// <summary>
/// Keys of <see cref="Model.PhaseRecord.Detail"/> the resolvers fill in. The API and the
/// notifications read them by these names.
/// </summary>
public static class DetailKeys
{
    public const string StackId = "stackId";
    public const string StackStatus = "stackStatus";
    public const string StackStatusReason = "stackStatusReason";
    public const string FailedResource = "failedResource";
    public const string FailedResourceType = "failedResourceType";
    public const string FailedResourceReason = "failedResourceReason";
    public const string CommandId = "commandId";
    public const string CommandStatus = "commandStatus";
    public const string FailedInstance = "failedInstance";
    public const string ExitCode = "exitCode";
    public const string SignalStage = "stage";
    public const string SignalStatus = "signalStatus";
    public const string SignalMessage = "message";
}

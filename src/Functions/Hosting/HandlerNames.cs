namespace Wso2Serverless.Functions.Hosting;

/// <summary>
/// The <c>_HANDLER</c> value of every function. <c>serverless.template</c> uses these strings
/// as each function's <c>Handler</c>; a test keeps the two in step.
/// </summary>
public static class HandlerNames
{
    // The deployment workflow's tasks (src/StateMachine/deployment.asl.json).
    public const string Accept = "accept";
    public const string RemoveOldStack = "remove-old-stack";
    public const string CreateStack = "create-stack";
    public const string AwaitPuppetMaster = "await-puppet-master";
    public const string RunDatabaseScripts = "run-database-scripts";
    public const string RunPuppetAgent = "run-puppet-agent";
    public const string Reconcile = "reconcile";
    public const string Verify = "verify";
    public const string Complete = "complete";
    public const string RecordFailure = "record-failure";

    // Fed by EventBridge.
    public const string EventRouter = "event-router";
    public const string ExecutionStatus = "execution-status";

    // Entry points.
    public const string Api = "api";
    public const string Scheduler = "scheduler";
}

using Wso2Serverless.Domain.Workflow;
using Wso2Serverless.Functions.Hosting.Permissions;
using Wso2Serverless.Functions.Tasks;
using Wso2Serverless.Runtime;

namespace Wso2Serverless.Functions.Hosting;

public static partial class FunctionCatalog
{
    // Each task is a plain class with a typed HandleAsync; these lines only adapt it to the
    // runtime's raw payloads (src/StateMachine/deployment.asl.json invokes them) and declare the
    // AWS permissions it needs (serverless.template's Policies are generated from them).
    private static partial IEnumerable<FunctionDefinition> WorkflowFunctions() =>
    [
        new(HandlerNames.Accept, "Validates the request, takes the environment lock and writes the deployment record",
            s => Adapt(TaskJsonContext.Default.AcceptRequest, TaskJsonContext.Default.AcceptResult, new AcceptFunction(s).HandleAsync))
        {
            Permissions = [Grants.PhaseTable("GetItem", "PutItem", "UpdateItem", "Query"), Grants.PhaseTableIndex, Grants.PublishNotifications],
        },
        new(HandlerNames.RemoveOldStack, "Deletes the environment's previous stack and waits for DELETE_COMPLETE",
            s => Adapt(TaskJsonContext.Default.WaitTaskRequest, TaskJsonContext.Default.WaitTaskResult, new RemoveOldStackFunction(s).HandleAsync))
        {
            Permissions =
            [
                Grants.PhaseTable("GetItem", "PutItem", "UpdateItem", "Query"), Grants.DescribeProductStacks("DescribeStacks", "DescribeStackEvents"),
                Grants.DeleteProductStacks, Grants.CompleteWaitingTasks("SendTaskSuccess", "SendTaskFailure"),
            ],
        },
        new(HandlerNames.CreateStack, "Checks the parameters, creates the product stack and waits for its status event",
            s => Adapt(TaskJsonContext.Default.WaitTaskRequest, TaskJsonContext.Default.WaitTaskResult, new CreateStackFunction(s).HandleAsync))
        {
            Permissions =
            [
                Grants.PhaseTable("GetItem", "PutItem", "UpdateItem", "Query"), Grants.DescribeProductStacks("DescribeStacks", "DescribeStackEvents"),
                Grants.SummariseProductTemplates, Grants.ReadProductTemplates, Grants.DescribeImages, Grants.CreateProductStacks,
                Grants.TagProductStacksAtCreation, Grants.PassTheStackRole, Grants.CompleteWaitingTasks("SendTaskSuccess", "SendTaskFailure"),
            ],
        },
        new(HandlerNames.AwaitPuppetMaster, "Waits for the Puppet Master's READY signal",
            s => Adapt(TaskJsonContext.Default.WaitTaskRequest, TaskJsonContext.Default.WaitTaskResult, new AwaitPuppetMasterFunction(s).HandleAsync))
        {
            Permissions = [Grants.PhaseTable("GetItem", "PutItem", "UpdateItem", "Query"), Grants.CompleteWaitingTasks("SendTaskSuccess", "SendTaskFailure")],
        },
        new(HandlerNames.RunDatabaseScripts, "Runs the database scripts on the Puppet Master and waits for the command",
            s => Adapt(TaskJsonContext.Default.WaitTaskRequest, TaskJsonContext.Default.WaitTaskResult, new RunDatabaseScriptsFunction(s).HandleAsync))
        {
            Permissions = CommandTask,
        },
        new(HandlerNames.RunPuppetAgent, "Runs the Puppet agent on one role's nodes and waits for the command",
            s => Adapt(TaskJsonContext.Default.WaitTaskRequest, TaskJsonContext.Default.WaitTaskResult, new RunPuppetAgentFunction(s).HandleAsync))
        {
            Permissions = CommandTask,
        },
        new(HandlerNames.Reconcile, "Asks the service directly after a wait timed out: continue, wait again or fail",
            s => Adapt(TaskJsonContext.Default.ReconcileRequest, TaskJsonContext.Default.ReconcileResult, new ReconcileFunction(s).HandleAsync))
        {
            Permissions =
            [
                // It answers the state machine with its result: it completes no task and queries nothing.
                Grants.PhaseTable("GetItem", "UpdateItem"), Grants.DescribeProductStacks("DescribeStacks", "DescribeStackEvents"),
                Grants.ReadCommandResults("ListCommands", "ListCommandInvocations", "GetCommandInvocation"),
            ],
        },
        new(HandlerNames.Verify, "Probes the product URLs the stack publishes",
            s => Adapt(TaskJsonContext.Default.VerifyRequest, TaskJsonContext.Default.VerifyResult, new VerifyFunction(s).HandleAsync))
        {
            Permissions =
            [
                Grants.PhaseTable("GetItem", "PutItem", "UpdateItem", "Query"), Grants.DescribeProductStacks("DescribeStacks", "ListStackResources"),
                Grants.ReadTargetHealth, Grants.ReadListenerCertificates,
            ],
        },
        new(HandlerNames.Complete, "Closes a successful deployment, releases the lock, composes the notification",
            s => Adapt(TaskJsonContext.Default.CompleteRequest, TaskJsonContext.Default.CloseResult, new CompleteFunction(s).HandleAsync))
        {
            Permissions = [Grants.PhaseTable("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query"), Grants.PublishNotifications],
        },
        new(HandlerNames.RecordFailure, "Records the failing phase and reason, applies the failure policy, releases the lock",
            s => Adapt(TaskJsonContext.Default.RecordFailureRequest, TaskJsonContext.Default.CloseResult, new RecordFailureFunction(s).HandleAsync))
        {
            Permissions =
            [
                Grants.PhaseTable("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query"), Grants.DescribeProductStacks("DescribeStacks"),
                Grants.DeleteProductStacks, Grants.PublishNotifications,
            ],
        },
    ];

    /// <summary>RunDatabaseScripts and RunPuppetAgent: claim, send or find the command, wait for it.</summary>
    // A property, not a field: All (FunctionCatalog.cs) may be built before this file's statics.
    private static IReadOnlyList<Grant> CommandTask =>
    [
        Grants.PhaseTable("GetItem", "PutItem", "UpdateItem", "Query"), .. Grants.SendOurDocuments,
        Grants.ReadCommandResults("ListCommands", "ListCommandInvocations", "GetCommandInvocation"),
        Grants.CompleteWaitingTasks("SendTaskSuccess", "SendTaskFailure"),
    ];

    private static JsonLambdaHandler<TIn, TOut> Adapt<TIn, TOut>(
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<TIn> input,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<TOut> output,
        Func<TIn, CancellationToken, Task<TOut>> handle) =>
        new(input, output, async (value, context) =>
        {
            try
            {
                return await handle(value, context.CancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                TaskErrors.Name(ex); // the error taxonomy decides whether the state machine retries it
                throw;
            }
        }, WorkflowErrors.InvalidInput);
}

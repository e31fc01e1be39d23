using Wso2Serverless.Domain.Workflow;
using Wso2Serverless.Functions.Tasks;
using Wso2Serverless.Runtime;

namespace Wso2Serverless.Functions.Hosting;

public static partial class FunctionCatalog
{
    // Each task is a plain class with a typed HandleAsync; these lines only adapt it to the
    // runtime's raw payloads (src/StateMachine/deployment.asl.json invokes them).
    private static partial IEnumerable<FunctionDefinition> WorkflowFunctions() =>
    [
        new(HandlerNames.Accept, "Validates the request, takes the environment lock and writes the deployment record",
            s => Adapt(TaskJsonContext.Default.AcceptRequest, TaskJsonContext.Default.AcceptResult, new AcceptFunction(s).HandleAsync)),
        new(HandlerNames.RemoveOldStack, "Deletes the environment's previous stack and waits for DELETE_COMPLETE",
            s => Adapt(TaskJsonContext.Default.WaitTaskRequest, TaskJsonContext.Default.WaitTaskResult, new RemoveOldStackFunction(s).HandleAsync)),
        new(HandlerNames.CreateStack, "Checks the parameters, creates the product stack and waits for its status event",
            s => Adapt(TaskJsonContext.Default.WaitTaskRequest, TaskJsonContext.Default.WaitTaskResult, new CreateStackFunction(s).HandleAsync)),
        new(HandlerNames.AwaitPuppetMaster, "Waits for the Puppet Master's READY signal",
            s => Adapt(TaskJsonContext.Default.WaitTaskRequest, TaskJsonContext.Default.WaitTaskResult, new AwaitPuppetMasterFunction(s).HandleAsync)),
        new(HandlerNames.RunDatabaseScripts, "Runs the database scripts on the Puppet Master and waits for the command",
            s => Adapt(TaskJsonContext.Default.WaitTaskRequest, TaskJsonContext.Default.WaitTaskResult, new RunDatabaseScriptsFunction(s).HandleAsync)),
        new(HandlerNames.RunPuppetAgent, "Runs the Puppet agent on one role's nodes and waits for the command",
            s => Adapt(TaskJsonContext.Default.WaitTaskRequest, TaskJsonContext.Default.WaitTaskResult, new RunPuppetAgentFunction(s).HandleAsync)),
        new(HandlerNames.Reconcile, "Asks the service directly after a wait timed out: continue, wait again or fail",
            s => Adapt(TaskJsonContext.Default.ReconcileRequest, TaskJsonContext.Default.ReconcileResult, new ReconcileFunction(s).HandleAsync)),
        new(HandlerNames.Verify, "Probes the product URLs the stack publishes",
            s => Adapt(TaskJsonContext.Default.VerifyRequest, TaskJsonContext.Default.VerifyResult, new VerifyFunction(s).HandleAsync)),
        new(HandlerNames.Complete, "Closes a successful deployment, releases the lock, composes the notification",
            s => Adapt(TaskJsonContext.Default.CompleteRequest, TaskJsonContext.Default.CloseResult, new CompleteFunction(s).HandleAsync)),
        new(HandlerNames.RecordFailure, "Records the failing phase and reason, applies the failure policy, releases the lock",
            s => Adapt(TaskJsonContext.Default.RecordFailureRequest, TaskJsonContext.Default.CloseResult, new RecordFailureFunction(s).HandleAsync)),
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

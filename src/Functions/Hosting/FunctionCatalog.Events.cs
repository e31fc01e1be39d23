using Wso2Serverless.Functions.Events;
using Wso2Serverless.Functions.Hosting.Permissions;

namespace Wso2Serverless.Functions.Hosting;

public static partial class FunctionCatalog
{
    // Both read the raw payload (see RawEventHandler): EventBridge can send them anything the
    // rules match, and a bad event must be dropped with a reason, not retried.
    private static partial IEnumerable<FunctionDefinition> EventFunctions() =>
    [
        new(HandlerNames.EventRouter,
            "Ends callback waits from stack, SSM command and Puppet Master signal events",
            services =>
            {
                var router = EventRouter.Create(services);
                return new RawEventHandler<RouteResult>(router.RouteAsync, EventsJsonContext.Default.RouteResult);
            })
        {
            Permissions =
            [
                Grants.PhaseTable("GetItem", "UpdateItem"), Grants.DescribeProductStacks("DescribeStacks", "DescribeStackEvents"),
                Grants.ReadCommandResults("ListCommands", "ListCommandInvocations", "GetCommandInvocation"),
                Grants.CompleteWaitingTasks("SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat"),
            ],
        },
        new(HandlerNames.ExecutionStatus,
            "Closes deployments whose execution was aborted, timed out or failed outside a Catch",
            services =>
            {
                var handler = ExecutionStatusHandler.Create(services);
                return new RawEventHandler<ExecutionStatusResult>(handler.HandleAsync, EventsJsonContext.Default.ExecutionStatusResult);
            })
        {
            Permissions =
            [
                Grants.PhaseTable("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query"), Grants.ReadOurExecutions("DescribeExecution"),
                Grants.PublishNotifications,
            ],
        },
    ];
}

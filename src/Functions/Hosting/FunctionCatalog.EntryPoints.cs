using Wso2Serverless.Functions.Api;
using Wso2Serverless.Functions.Hosting.Permissions;
using Wso2Serverless.Functions.Scheduling;
using Wso2Serverless.Runtime;

namespace Wso2Serverless.Functions.Hosting;

public static partial class FunctionCatalog
{
    private static partial IEnumerable<FunctionDefinition> EntryPointFunctions() =>
    [
        new(HandlerNames.Api,
            "The HTTP API (IAM-authorised): start, read, list and cancel deployments; register rebuild schedules; tear environments down.",
            services => new JsonLambdaHandler<HttpApiRequest, HttpApiResponse>(
                ApiJsonContext.Default.HttpApiRequest, ApiJsonContext.Default.HttpApiResponse, new ApiHandler(services).HandleAsync))
        {
            // Cancel closes the run itself, so it announces it (the outbox) and stops the execution.
            Permissions =
            [
                Grants.PhaseTable("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query"), Grants.PhaseTableIndex,
                Grants.StartOurStateMachines, Grants.ReadOurExecutions("DescribeExecution", "StopExecution"), Grants.PublishNotifications,
            ],
        },
        new(HandlerNames.Scheduler,
            "Every 5 minutes: starts due rebuilds under deterministic names, records skips of busy environments, tears expired environments down.",
            services => new JsonLambdaHandler<SchedulerInput, SchedulerResult>(
                SchedulerJsonContext.Default.SchedulerInput, SchedulerJsonContext.Default.SchedulerResult, new SchedulerHandler(services).HandleAsync))
        {
            // A retried tick finds its run by name (DescribeExecution); it retries pending notifications.
            Permissions =
            [
                Grants.PhaseTable("GetItem", "PutItem", "UpdateItem", "Query"), Grants.PhaseTableIndex,
                Grants.StartOurStateMachines, Grants.ReadOurExecutions("DescribeExecution"), Grants.PublishNotifications,
            ],
        },
    ];
}

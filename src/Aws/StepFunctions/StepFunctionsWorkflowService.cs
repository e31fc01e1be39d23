using Wso2Serverless.Aws.Http;
using Wso2Serverless.Aws.StepFunctions.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Aws.StepFunctions;

/// <summary>
/// <see cref="IWorkflowService"/> on Step Functions. A callback for a task that is over
/// (completed, timed out, or an unknown token) is <see cref="CallbackResult.TaskGone"/>: the
/// router's duplicate deliveries and late events are normal, not errors.
/// </summary>
public sealed class StepFunctionsWorkflowService(StepFunctionsClient client) : IWorkflowService
{
    public Task<CallbackResult> SendTaskSuccessAsync(string taskToken, string outputJson, CancellationToken cancellationToken) =>
        CallbackAsync(() => client.SendTaskSuccessAsync(new SendTaskSuccessRequest { TaskToken = taskToken, Output = outputJson }, cancellationToken));

    public Task<CallbackResult> SendTaskFailureAsync(string taskToken, string error, string cause, CancellationToken cancellationToken) =>
        CallbackAsync(() => client.SendTaskFailureAsync(new SendTaskFailureRequest { TaskToken = taskToken, Error = error, Cause = cause }, cancellationToken));

    public Task<CallbackResult> SendTaskHeartbeatAsync(string taskToken, CancellationToken cancellationToken) =>
        CallbackAsync(() => client.SendTaskHeartbeatAsync(new SendTaskHeartbeatRequest { TaskToken = taskToken }, cancellationToken));

    public async Task<StartExecutionResult> StartExecutionAsync(string stateMachineArn, string name, string inputJson, CancellationToken cancellationToken)
    {
        try
        {
            var started = await client.StartExecutionAsync(
                new StartExecutionRequest { StateMachineArn = stateMachineArn, Name = name, Input = inputJson },
                cancellationToken).ConfigureAwait(false);
            return new StartExecutionResult(started.ExecutionArn, started.StartDate, AlreadyStarted: false);
        }
        catch (AwsServiceException e) when (e.Code == AwsErrorCodes.ExecutionAlreadyExists)
        {
            // The name is taken (a retried scheduler tick or API call): report the execution that
            // holds it, whatever its input, so the caller records it instead of starting another.
            var existing = await FindByNameAsync(stateMachineArn, name, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                throw;
            }

            return new StartExecutionResult(existing.ExecutionArn, existing.StartDate, AlreadyStarted: true);
        }
    }

    public async Task StopExecutionAsync(string executionArn, string error, string cause, CancellationToken cancellationToken) =>
        await client.StopExecutionAsync(new StopExecutionRequest { ExecutionArn = executionArn, Error = error, Cause = cause }, cancellationToken).ConfigureAwait(false);

    public async Task<ExecutionDescription?> DescribeExecutionAsync(string executionArn, CancellationToken cancellationToken)
    {
        try
        {
            var e = await client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = executionArn }, cancellationToken).ConfigureAwait(false);
            return new ExecutionDescription(e.ExecutionArn, e.Name, e.Status, e.StartDate, e.StopDate, e.Error, e.Cause);
        }
        catch (AwsServiceException e) when (e.Code == AwsErrorCodes.ExecutionDoesNotExist)
        {
            return null;
        }
    }

    /// <summary>
    /// An execution's ARN follows from its machine's ARN and its name, so one Describe finds it;
    /// listing is the fallback for ARNs of a shape we do not know.
    /// </summary>
    private async Task<ExecutionDescription?> FindByNameAsync(string stateMachineArn, string name, CancellationToken cancellationToken)
    {
        if (ExecutionArns.From(stateMachineArn, name) is { } arn
            && await DescribeExecutionAsync(arn, cancellationToken).ConfigureAwait(false) is { } described)
        {
            return described;
        }

        string? next = null;
        do
        {
            var page = await client.ListExecutionsAsync(new ListExecutionsRequest { StateMachineArn = stateMachineArn, NextToken = next }, cancellationToken).ConfigureAwait(false);
            if (page.Executions.FirstOrDefault(x => x.Name == name) is { } found)
            {
                return new ExecutionDescription(found.ExecutionArn, found.Name, found.Status, found.StartDate, found.StopDate, null, null);
            }

            next = page.NextToken;
        }
        while (next is not null);

        return null;
    }

    private static async Task<CallbackResult> CallbackAsync(Func<Task> send)
    {
        try
        {
            await send().ConfigureAwait(false);
            return CallbackResult.Delivered;
        }
        catch (AwsServiceException e) when (e.IsTaskGone)
        {
            return CallbackResult.TaskGone;
        }
    }
}

using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Functions.Callbacks;

/// <summary>
/// The two halves of every callback wait. A task stores its token (<see cref="RegisterAsync"/>);
/// an event stores its outcome (<see cref="CompleteAsync"/>). They may arrive in either order
/// and either may be delivered twice: whoever comes second completes the task, and the token
/// store's claim lets exactly one caller send the callback.
/// </summary>
public sealed class TaskCompleter(ITokenStore tokens, IWorkflowService workflow, IClock clock)
{
    /// <summary>Stores the task token; completes the task at once if its outcome is already known.</summary>
    public async Task<bool> RegisterAsync(string correlationKey, PendingToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var early = await tokens.RegisterAsync(correlationKey, token, cancellationToken).ConfigureAwait(false);
        return early is not null && await DeliverAsync(correlationKey, token.TaskToken, early, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records the final outcome of an awaited operation and completes the waiting task if one is
    /// registered. Returns true when this call sent the callback.
    /// </summary>
    public async Task<bool> CompleteAsync(string correlationKey, CallbackOutcome outcome, CancellationToken cancellationToken)
    {
        var pending = await tokens.RecordOutcomeAsync(correlationKey, outcome, clock.UtcNow, cancellationToken).ConfigureAwait(false);
        return pending is not null && await DeliverAsync(correlationKey, pending.TaskToken, outcome, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tells Step Functions the waiting task is alive (a progress event arrived).</summary>
    public async Task<CallbackResult?> HeartbeatAsync(string correlationKey, CancellationToken cancellationToken)
    {
        var pending = await tokens.GetAsync(correlationKey, cancellationToken).ConfigureAwait(false);
        return pending is null ? null : await workflow.SendTaskHeartbeatAsync(pending.TaskToken, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> DeliverAsync(string correlationKey, string taskToken, CallbackOutcome outcome, CancellationToken cancellationToken)
    {
        if (!await tokens.ClaimAsync(correlationKey, taskToken, cancellationToken).ConfigureAwait(false))
        {
            return false; // someone else delivered this token's callback
        }

        var result = outcome.Succeeded
            ? await workflow.SendTaskSuccessAsync(taskToken, outcome.OutputJson ?? "{}", cancellationToken).ConfigureAwait(false)
            : await workflow.SendTaskFailureAsync(taskToken, outcome.Error ?? "Wso2.Failed", outcome.Cause ?? "", cancellationToken).ConfigureAwait(false);
        return result == CallbackResult.Delivered;
    }
}

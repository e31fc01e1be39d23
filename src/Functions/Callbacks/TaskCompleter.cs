using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Functions.Callbacks;

/// <summary>
/// The two halves of every callback wait. A task stores its token (<see cref="RegisterAsync"/>);
/// an event stores its outcome (<see cref="CompleteAsync"/>). They may arrive in either order
/// and either may be delivered twice: whoever comes second sends the callback. Nothing is claimed
/// before the send: Step Functions itself refuses a second SendTask* for a closed task
/// (TaskTimedOut, reported as <see cref="CallbackResult.TaskGone"/>), so a send that failed
/// (throttled, 5xx) throws and leaves the callback deliverable by the retry or redelivery.
/// </summary>
public sealed class TaskCompleter(ITokenStore tokens, IWorkflowService workflow, IClock clock)
{
    /// <summary>Stores the task token; completes the task at once if its outcome is already known.</summary>
    public async Task<Registered> RegisterAsync(string correlationKey, PendingToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var registration = await tokens.RegisterAsync(correlationKey, token, cancellationToken).ConfigureAwait(false);
        var delivered = registration.Outcome is { } early && await DeliverAsync(token.TaskToken, early, cancellationToken).ConfigureAwait(false);
        return new Registered(delivered, registration.HeldSteps);
    }

    /// <summary>
    /// Records the final outcome of an awaited operation and completes the waiting task if one is
    /// registered, with the outcome that stands (the first recorded). True when this call's send
    /// closed the task.
    /// </summary>
    public async Task<bool> CompleteAsync(string correlationKey, CallbackOutcome outcome, CancellationToken cancellationToken)
    {
        var recorded = await tokens.RecordOutcomeAsync(correlationKey, outcome, clock.UtcNow, onlyIfAwaited: false, cancellationToken).ConfigureAwait(false);
        return recorded?.Token is { } token && await DeliverAsync(token.TaskToken, recorded.Outcome, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends the callback. False when the task is over (completed, timed out); a failed send throws.</summary>
    public async Task<bool> DeliverAsync(string taskToken, CallbackOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var result = outcome.Succeeded
            ? await workflow.SendTaskSuccessAsync(taskToken, outcome.OutputJson ?? "{}", cancellationToken).ConfigureAwait(false)
            : await workflow.SendTaskFailureAsync(taskToken, outcome.Error ?? "Wso2.Failed", outcome.Cause ?? "", cancellationToken).ConfigureAwait(false);
        return result == CallbackResult.Delivered;
    }

    /// <summary>Tells Step Functions the waiting task is alive (a progress event arrived).</summary>
    public Task<CallbackResult> HeartbeatAsync(PendingToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        return workflow.SendTaskHeartbeatAsync(token.TaskToken, cancellationToken);
    }
}

/// <summary>After a registration: whether an early outcome was delivered, and the progress steps held for the phase.</summary>
public sealed record Registered(bool Delivered, IReadOnlyList<SubStep> HeldSteps);

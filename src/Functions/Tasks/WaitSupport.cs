using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Workflow;
using Wso2Serverless.Functions.Callbacks;
using Wso2Serverless.Functions.Hosting;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>What every callback task does with its token: register it, or end the wait itself.</summary>
internal sealed class WaitSupport(FunctionServices services)
{
    public TaskCompleter Completer { get; } = new(services.Tokens, services.Workflow, services.Clock);

    /// <summary>Stores the token under the key; completes the task at once when the outcome is already known.</summary>
    public Task<Registered> RegisterAsync(string correlationKey, string taskToken, string deploymentId, string phase, CancellationToken ct) =>
        Completer.RegisterAsync(correlationKey, new PendingToken(taskToken, deploymentId, phase, services.Clock.UtcNow), ct);

    /// <summary>
    /// Stores the token without looking at an outcome recorded earlier under the key. For waits
    /// whose key can carry an older operation's outcome (a stack id reused by a delete after its
    /// create), where only the service's current state is trusted.
    /// </summary>
    public Task RegisterFreshAsync(string correlationKey, string taskToken, string deploymentId, string phase, CancellationToken ct) =>
        services.Tokens.RegisterAsync(correlationKey, new PendingToken(taskToken, deploymentId, phase, services.Clock.UtcNow), ct);

    /// <summary>The work turned out to be done already (the event may be lost): complete the registered wait now.</summary>
    public Task CompleteAsync(string correlationKey, CallbackOutcome outcome, CancellationToken ct) =>
        Completer.CompleteAsync(correlationKey, outcome, ct);

    /// <summary>Ends the wait with a failure the task found itself (nothing was started).</summary>
    public Task FailAsync(string taskToken, string error, string cause, CancellationToken ct) =>
        services.Workflow.SendTaskFailureAsync(taskToken, error, cause, ct);

    public Task SucceedAsync(string taskToken, string outputJson, CancellationToken ct) =>
        services.Workflow.SendTaskSuccessAsync(taskToken, outputJson, ct);

    /// <summary>
    /// The opening every waiting task shares: keep the environment's lease (a run whose lease was
    /// taken over fails its wait instead of working beside the new owner), close the phase
    /// before this one, and return this phase's record if it already started (a re-entry after
    /// Reconcile, or a duplicate invocation).
    /// </summary>
    public async Task<PhaseOpening> BeginAsync(WaitTaskRequest request, string phase, PhaseJournal journal, CancellationToken ct)
    {
        var d = request.Deployment;
        if (await LeaseKeeper.RenewAsync(services, d, ct).ConfigureAwait(false) is { } lost)
        {
            await FailAsync(request.TaskToken, WorkflowErrors.EnvironmentBusy, lost, ct).ConfigureAwait(false);
            return new PhaseOpening(LeaseLost: true, Existing: null);
        }

        var existing = await journal.CloseEarlierAsync(d.DeploymentId, phase, ct).ConfigureAwait(false);
        return new PhaseOpening(LeaseLost: false, existing);
    }
}

/// <summary>How a waiting task found its phase: lease lost (the wait is already failed), or the record so far.</summary>
internal sealed record PhaseOpening(bool LeaseLost, PhaseRecord? Existing);

using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Outcomes;
using Wso2Serverless.Domain.Signals;
using Wso2Serverless.Functions.Hosting;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// Waits for the Puppet Master's READY (or FAILED) signal. The work itself started with the
/// stack: this task records the phase and registers its token; progress signals reach it as
/// heartbeats through the event router. A signal that came before the token is delivered at
/// registration; one recorded as a sub-step but never delivered is delivered here. Signals sent
/// before this phase started (the stack was still being created) were held beside the token and
/// move into the phase now: an event never opens a phase.
/// </summary>
public sealed class AwaitPuppetMasterFunction(FunctionServices services)
{
    public async Task<WaitTaskResult> HandleAsync(WaitTaskRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var d = request.Deployment;
        const string phase = PhaseNames.AwaitPuppetMaster;
        var waits = new WaitSupport(services);
        var journal = new PhaseJournal(services.Deployments, services.Clock);

        var opening = await waits.BeginAsync(request, phase, journal, cancellationToken).ConfigureAwait(false);
        if (opening.LeaseLost)
        {
            return new WaitTaskResult(phase, "failed", null);
        }

        var existing = opening.Existing;
        var mode = existing is { Status: PhaseStatus.Running, Detail.Count: > 0 } ? "resumed" : "started";
        var record = await journal.StartAsync(d.DeploymentId, phase, new Dictionary<string, string> { ["waitingFor"] = PuppetMasterSignal.Ready }, cancellationToken).ConfigureAwait(false);

        var key = CorrelationKeys.PuppetMaster(d.Environment, d.DeploymentId);
        var registered = await waits.RegisterAsync(key, request.TaskToken, d.DeploymentId, phase, cancellationToken).ConfigureAwait(false);
        if (registered.HeldSteps.Count > 0)
        {
            // Signals sent while the stack was still being created waited beside the token.
            await journal.AddHeldStepsAsync(d.DeploymentId, phase, registered.HeldSteps, cancellationToken).ConfigureAwait(false);
        }

        var final = registered.Delivered
            ? null
            : record.SubSteps.Concat(registered.HeldSteps).LastOrDefault(s => s.Status is PuppetMasterSignal.Ready or PuppetMasterSignal.Failed);
        if (final is not null)
        {
            var resolved = SignalOutcomeResolver.Resolve(new PuppetMasterSignalDetail(d.DeploymentId, final.Name, final.Status, final.Message), final.At).Final;
            if (resolved is not null)
            {
                await waits.CompleteAsync(key, resolved.Outcome, cancellationToken).ConfigureAwait(false);
            }
        }

        return new WaitTaskResult(phase, mode, key);
    }
}

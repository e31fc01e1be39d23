using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Outcomes;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Signals;
using Wso2Serverless.Runtime;

namespace Wso2Serverless.Functions.Events;

/// <summary>
/// The Puppet Master's own signals. On AWS it boots and signals while its stack is still being
/// created, before AwaitPuppetMaster has started: a signal then waits beside the token (held
/// steps, an early outcome) and never opens the phase. Every signal is a sub-step once.
/// </summary>
public sealed partial class EventRouter
{
    private async Task<RouteResult> OnSignalAsync(PuppetMasterSignalDetail signal, IJsonLog log, CancellationToken ct)
    {
        var key = CorrelationKeys.PuppetMaster(signal.DeploymentId);
        var resolution = SignalOutcomeResolver.Resolve(signal, services.Clock.UtcNow);
        const string phase = PhaseNames.AwaitPuppetMaster;
        if (resolution.Final is { } final)
        {
            if (await EndAwaitedWaitAsync(key, final, null, resolution.Step, log, ct).ConfigureAwait(false) is { } ended)
            {
                return ended;
            }

            if (await UnlessRunningAsync(signal.DeploymentId, key, ct).ConfigureAwait(false) is { } notOurs)
            {
                return notOurs;
            }

            log.SetDeploymentId(signal.DeploymentId);
            await AppendOrHoldAsync(signal.DeploymentId, key, resolution.Step, ct).ConfigureAwait(false);
            return await RecordEarlyAsync(key, final, null, resolution.Step, ct).ConfigureAwait(false);
        }

        var appended = await services.Deployments.AppendToPhaseAsync(signal.DeploymentId, phase, new PhaseAppend { SubSteps = [resolution.Step] }, ct).ConfigureAwait(false);
        if (appended == PhaseAppendResult.NotRunning)
        {
            if (await UnlessRunningAsync(signal.DeploymentId, key, ct).ConfigureAwait(false) is { } notOurs)
            {
                return notOurs;
            }

            log.SetDeploymentId(signal.DeploymentId);
            await services.Tokens.HoldStepAsync(key, resolution.Step, services.Clock.UtcNow, ct).ConfigureAwait(false);
            return new RouteResult(RouteResult.Progress, key, $"{signal.Stage} {signal.Status} held until {phase} starts");
        }

        log.SetDeploymentId(signal.DeploymentId);
        return await ProgressAsync(key, $"{signal.Stage} {signal.Status}", ct).ConfigureAwait(false);
    }

    /// <summary>Anything allowed to put events could name any id: a signal counts only for a Running deployment.</summary>
    private async Task<RouteResult?> UnlessRunningAsync(string deploymentId, string key, CancellationToken ct)
    {
        var record = await services.Deployments.GetAsync(deploymentId, ct).ConfigureAwait(false);
        return record switch
        {
            null => new RouteResult(RouteResult.Dropped, key, "signal for an unknown deployment"),
            { Status: not DeploymentStatus.Running } => new RouteResult(RouteResult.Ignored, key, $"deployment is {record.Status}"),
            _ => null,
        };
    }

    /// <summary>Onto the phase if it is open (its task may not have registered yet), else beside the token.</summary>
    private async Task AppendOrHoldAsync(string deploymentId, string key, SubStep step, CancellationToken ct)
    {
        var appended = await services.Deployments.AppendToPhaseAsync(deploymentId, PhaseNames.AwaitPuppetMaster, new PhaseAppend { SubSteps = [step] }, ct).ConfigureAwait(false);
        if (appended == PhaseAppendResult.NotRunning)
        {
            await services.Tokens.HoldStepAsync(key, step, services.Clock.UtcNow, ct).ConfigureAwait(false);
        }
    }
}

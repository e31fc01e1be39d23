using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Outcomes;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Signals;
using Wso2Serverless.Runtime;

namespace Wso2Serverless.Functions.Events;

/// <summary>
/// The Puppet Master's own signals. On AWS it boots and signals while its stack is still being
/// created, before AwaitPuppetMaster has started: a signal then waits beside the token (held
/// steps, an early outcome) and never opens the phase. Every signal is a sub-step once. Each
/// environment signals under its own source, which is part of the correlation key: a signal
/// under another environment's source never reaches this deployment's token, and is dropped
/// before anything is written once the deployment's record names another environment.
/// </summary>
public sealed partial class EventRouter
{
    private async Task<RouteResult> OnSignalAsync(PuppetMasterSignalDetail signal, string source, IJsonLog log, CancellationToken ct)
    {
        // The parser only passes signal sources, so the environment is there.
        var environment = PuppetMasterSignal.EnvironmentOf(source)!;
        var key = CorrelationKeys.PuppetMaster(environment, signal.DeploymentId);
        var resolution = SignalOutcomeResolver.Resolve(signal, services.Clock.UtcNow);
        if (resolution.Final is { } final)
        {
            if (await EndAwaitedWaitAsync(key, final, null, resolution.Step, log, ct).ConfigureAwait(false) is { } ended)
            {
                return ended;
            }

            if (await UnlessRunningHereAsync(signal.DeploymentId, environment, key, ct).ConfigureAwait(false) is { } notOurs)
            {
                return notOurs;
            }

            log.SetDeploymentId(signal.DeploymentId);
            await AppendOrHoldAsync(signal.DeploymentId, key, resolution.Step, ct).ConfigureAwait(false);
            return await RecordEarlyAsync(key, final, null, resolution.Step, ct).ConfigureAwait(false);
        }

        // A token under this key was registered by the deployment's own task: the source is its environment's.
        var what = $"{signal.Stage} {signal.Status}";
        if (await services.Tokens.GetAsync(key, ct).ConfigureAwait(false) is { } token)
        {
            log.SetDeploymentId(signal.DeploymentId);
            await services.Deployments.AppendToPhaseAsync(signal.DeploymentId, PhaseNames.AwaitPuppetMaster, new PhaseAppend { SubSteps = [resolution.Step] }, ct).ConfigureAwait(false);
            await _completer.HeartbeatAsync(token, ct).ConfigureAwait(false);
            return new RouteResult(RouteResult.Progress, key, what);
        }

        if (await UnlessRunningHereAsync(signal.DeploymentId, environment, key, ct).ConfigureAwait(false) is { } notHere)
        {
            return notHere;
        }

        log.SetDeploymentId(signal.DeploymentId);
        var held = await AppendOrHoldAsync(signal.DeploymentId, key, resolution.Step, ct).ConfigureAwait(false);
        return new RouteResult(RouteResult.Progress, key, held ? $"{what} held until {PhaseNames.AwaitPuppetMaster} starts" : $"{what}; no task waits on it yet");
    }

    /// <summary>
    /// Anything allowed to put events could name any id: a signal counts only for a Running
    /// deployment of the environment whose source it came under.
    /// </summary>
    private async Task<RouteResult?> UnlessRunningHereAsync(string deploymentId, string environment, string key, CancellationToken ct)
    {
        var record = await services.Deployments.GetAsync(deploymentId, ct).ConfigureAwait(false);
        return record switch
        {
            null => new RouteResult(RouteResult.Dropped, key, "signal for an unknown deployment"),
            _ when !string.Equals(record.Environment, environment, StringComparison.Ordinal) =>
                new RouteResult(RouteResult.Dropped, key, $"signal source is environment {environment}'s, but the deployment belongs to {record.Environment}"),
            { Status: not DeploymentStatus.Running } => new RouteResult(RouteResult.Ignored, key, $"deployment is {record.Status}"),
            _ => null,
        };
    }

    /// <summary>Onto the phase if it is open (its task may not have registered yet), else beside the token; true when held.</summary>
    private async Task<bool> AppendOrHoldAsync(string deploymentId, string key, SubStep step, CancellationToken ct)
    {
        var appended = await services.Deployments.AppendToPhaseAsync(deploymentId, PhaseNames.AwaitPuppetMaster, new PhaseAppend { SubSteps = [step] }, ct).ConfigureAwait(false);
        if (appended != PhaseAppendResult.NotRunning)
        {
            return false;
        }

        await services.Tokens.HoldStepAsync(key, step, services.Clock.UtcNow, ct).ConfigureAwait(false);
        return true;
    }
}

using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Signals;
using Wso2Serverless.Domain.Workflow;

namespace Wso2Serverless.Domain.Outcomes;

/// <summary>
/// Reads a Puppet Master signal: every signal is a sub-step of the AwaitPuppetMaster phase;
/// READY and FAILED also end the wait.
/// <code>
/// SignalResolution SignalOutcomeResolver.Resolve(PuppetMasterSignalDetail signal, DateTimeOffset at)
/// </code>
/// Success output: <c>{"deploymentId":..., "stage":..., "status":"READY"}</c>.
/// </summary>
public static class SignalOutcomeResolver
{
    public static SignalResolution Resolve(PuppetMasterSignalDetail signal, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var step = new SubStep(signal.Stage, signal.Status, at, signal.Message);
        var detail = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [DetailKeys.SignalStage] = signal.Stage,
            [DetailKeys.SignalStatus] = signal.Status,
        };
        if (!string.IsNullOrEmpty(signal.Message))
        {
            detail[DetailKeys.SignalMessage] = signal.Message;
        }

        switch (signal.Status)
        {
            case PuppetMasterSignal.Ready:
                var output = OutcomeJson.Write(w =>
                {
                    w.WriteString("deploymentId", signal.DeploymentId);
                    w.WriteString("stage", signal.Stage);
                    w.WriteString("status", PuppetMasterSignal.Ready);
                });
                return new SignalResolution(step, new ResolvedOutcome(new CallbackOutcome(true, output, null, null), detail, [], null));
            case PuppetMasterSignal.Failed:
                var reason = string.IsNullOrWhiteSpace(signal.Message)
                    ? $"Puppet Master failed at stage '{signal.Stage}'"
                    : $"Puppet Master failed at stage '{signal.Stage}': {signal.Message}";
                return new SignalResolution(step, new ResolvedOutcome(new CallbackOutcome(false, null, WorkflowErrors.PuppetMasterFailed, reason), detail, [], reason));
            default:
                return new SignalResolution(step, null);
        }
    }
}

/// <summary>The sub-step to record, and the end of the wait when the signal is final (null for PROGRESS).</summary>
public sealed record SignalResolution(SubStep Step, ResolvedOutcome? Final);

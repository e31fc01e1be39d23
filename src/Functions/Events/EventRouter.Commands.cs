using Wso2Serverless.Domain.Events;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Outcomes;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Functions.Tasks;
using Wso2Serverless.Runtime;

namespace Wso2Serverless.Functions.Events;

/// <summary>SSM "EC2 Command (Invocation) Status-change Notification": the end of a database-scripts or Puppet agent wait.</summary>
public sealed partial class EventRouter
{
    private async Task<RouteResult> OnCommandAsync(CommandStatusChangeDetail detail, IJsonLog log, CancellationToken ct)
    {
        var commandId = detail.CommandId!;
        var key = CorrelationKeys.Command(commandId);
        if (NotOurDocument(detail.DocumentName) is { } foreign)
        {
            return new RouteResult(RouteResult.Dropped, key, foreign);
        }

        if (!CommandStatuses.IsTerminal(detail.Status!))
        {
            return await ProgressAsync(key, detail.Status, ct).ConfigureAwait(false);
        }

        // Exit codes and output are only in GetCommand. Its overall status can lag behind the
        // event that announced the end; the event's word on that is final.
        CommandResult command;
        try
        {
            command = await services.Commands.GetCommandAsync(commandId, ct).ConfigureAwait(false);
        }
        catch (CommandNotFoundException)
        {
            return new RouteResult(RouteResult.Dropped, key, "SSM does not know this command");
        }

        if (!CommandStatuses.IsTerminal(command.Status))
        {
            command = command with { Status = detail.Status! };
        }

        // Our comment names the phase: the exit-code rule and the role follow, before any write.
        var phase = CommandComments.PhaseOf(command.Comment);
        var kind = phase is null ? KindOfDocument(detail.DocumentName) : CommandKinds.ForPhase(phase);
        var resolved = CommandOutcomeResolver.Resolve(command, kind, RoleOf(phase))!;
        if (await EndAwaitedWaitAsync(key, resolved, null, null, log, ct).ConfigureAwait(false) is { } ended)
        {
            return ended;
        }

        return phase is null
            ? new RouteResult(RouteResult.Dropped, key, "command not sent by this orchestrator (no comment of ours)")
            : await RecordEarlyAsync(key, resolved, null, null, ct).ConfigureAwait(false);
    }

    private async Task<RouteResult> OnInvocationAsync(CommandInvocationStatusChangeDetail detail, CancellationToken ct)
    {
        var key = CorrelationKeys.Command(detail.CommandId!);
        if (NotOurDocument(detail.DocumentName) is { } foreign)
        {
            return new RouteResult(RouteResult.Dropped, key, foreign);
        }

        if (await services.Tokens.GetAsync(key, ct).ConfigureAwait(false) is not { } token)
        {
            // Without the token we cannot tell which phase the instance belongs to; the final
            // command event still carries every instance's result.
            return new RouteResult(RouteResult.Ignored, key, "no task waits on this command yet");
        }

        var step = new SubStep($"instance {detail.InstanceId}", CommandStatuses.Normalize(detail.Status!), services.Clock.UtcNow, null);
        await services.Deployments.AppendToPhaseAsync(token.DeploymentId, token.Phase, new PhaseAppend { SubSteps = [step] }, ct).ConfigureAwait(false);
        await _completer.HeartbeatAsync(token, ct).ConfigureAwait(false);
        return new RouteResult(RouteResult.Progress, key, $"{detail.InstanceId} {step.Status}");
    }

    /// <summary>The rule routes only our two documents; an event naming another was not sent by us.</summary>
    private string? NotOurDocument(string? documentName)
    {
        var ours = new[] { services.Settings.DatabaseDocumentName, services.Settings.AgentDocumentName }.Where(n => n.Length > 0).ToList();
        return ours.Count == 0 || ours.Contains(documentName ?? "", StringComparer.Ordinal)
            ? null
            : $"document {Echo(documentName)} is not one of the orchestrator's";
    }

    private CommandKind KindOfDocument(string? documentName) =>
        documentName == services.Settings.DatabaseDocumentName ? CommandKind.DatabaseScripts : CommandKind.PuppetAgent;

    private static string Echo(string? value) =>
        value is null ? "(none)" : value.Length <= 80 ? $"'{value}'" : $"'{value[..80]}…'";
}

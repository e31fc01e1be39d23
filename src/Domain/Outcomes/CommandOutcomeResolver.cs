using System.Globalization;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Workflow;

namespace Wso2Serverless.Domain.Outcomes;

/// <summary>
/// Decides whether an SSM command wait is over and how it ended, from GetCommand's view of it.
/// Used by the event router (command status event) and by Reconcile (after a wait timed out).
/// <code>
/// ResolvedOutcome? CommandOutcomeResolver.Resolve(CommandResult command, CommandKind kind, string? role)
/// IReadOnlyList&lt;InstanceResult&gt; CommandOutcomeResolver.Instances(CommandResult command)
/// </code>
/// Null means still running. An instance succeeded when SSM says Success and its exit code (if
/// any) passes the kind's rule; a Puppet agent run also succeeds with exit code 2 that SSM called
/// Failed (a document that does not map it). For the database scripts only 0 is success.
/// A command that reached no instance fails: a tag that matched nothing configured nothing.
/// Success output: <c>{"commandId":..., "status":"Success", "instances":[{"instanceId","status","exitCode"}]}</c>.
/// </summary>
public static class CommandOutcomeResolver
{
    private const int MaxErrorLineLength = 400;

    /// <param name="kind">Which exit-code rule applies (<see cref="CommandKinds.ForPhase"/>).</param>
    /// <param name="role">The agent role or <see cref="AgentRoles.PuppetMaster"/>; named in the cause. Null when unknown.</param>
    public static ResolvedOutcome? Resolve(CommandResult command, CommandKind kind, string? role)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!CommandStatuses.IsTerminal(command.Status))
        {
            return null;
        }

        var instances = Instances(command);
        var detail = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [DetailKeys.CommandId] = command.CommandId,
            [DetailKeys.CommandStatus] = CommandStatuses.Normalize(command.Status),
        };

        var failed = command.Invocations.FirstOrDefault(i => !InstanceSucceeded(i, kind));
        string? reason = null;
        if (failed is not null)
        {
            detail[DetailKeys.FailedInstance] = failed.InstanceId;
            if (failed.ExitCode is { } code)
            {
                detail[DetailKeys.ExitCode] = code.ToString(CultureInfo.InvariantCulture);
            }

            reason = Cause(failed, kind, role);
        }
        else if (command.Invocations.Count == 0)
        {
            reason = $"Command {command.CommandId} reached no instance{RoleSuffix(role)} (status {CommandStatuses.Normalize(command.Status)}): no instance matched its targets";
        }
        else if (!CommandStatuses.IsSuccess(command.Status) && !(kind == CommandKind.PuppetAgent && FailedOnlyForExitCodeTwo(command)))
        {
            reason = $"Command {command.CommandId}{RoleSuffix(role)} ended {CommandStatuses.Normalize(command.Status)}";
        }

        if (reason is not null)
        {
            return new ResolvedOutcome(new CallbackOutcome(false, null, WorkflowErrors.CommandFailed, reason), detail, instances, reason);
        }

        var output = OutcomeJson.Write(w =>
        {
            w.WriteString("commandId", command.CommandId);
            w.WriteString("status", CommandStatuses.Success);
            w.WriteStartArray("instances");
            foreach (var i in command.Invocations)
            {
                w.WriteStartObject();
                w.WriteString("instanceId", i.InstanceId);
                w.WriteString("status", CommandStatuses.Normalize(i.Status));
                if (i.ExitCode is { } code)
                {
                    w.WriteNumber("exitCode", code);
                }
                else
                {
                    w.WriteNull("exitCode");
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
        return new ResolvedOutcome(new CallbackOutcome(true, output, null, null), detail, instances, null);
    }

    /// <summary>Per-instance results for the phase record, outputs cut to <see cref="OutputTail.MaxBytes"/>.</summary>
    public static IReadOnlyList<InstanceResult> Instances(CommandResult command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command.Invocations
            .Select(i => new InstanceResult(i.InstanceId, CommandStatuses.Normalize(i.Status), i.ExitCode, OutputTail.Of(i.Output)))
            .ToList();
    }

    public static bool InstanceSucceeded(CommandInvocationResult invocation, CommandKind kind)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (invocation.ExitCode is { } code && !CommandKinds.IsSuccessCode(kind, code))
        {
            return false;
        }

        return CommandStatuses.IsSuccess(invocation.Status)
            || (kind == CommandKind.PuppetAgent && invocation.ExitCode == 2
                && string.Equals(CommandStatuses.Normalize(invocation.Status), "Failed", StringComparison.OrdinalIgnoreCase));
    }

    // SSM fails a command whose instance exited non-zero; when every instance in fact
    // succeeded by Puppet's codes (an unmapped 2), SSM's Failed is not ours.
    private static bool FailedOnlyForExitCodeTwo(CommandResult command) =>
        string.Equals(CommandStatuses.Normalize(command.Status), "Failed", StringComparison.OrdinalIgnoreCase)
        && command.Invocations.Any(i => i.ExitCode == 2);

    private static string Cause(CommandInvocationResult failed, CommandKind kind, string? role)
    {
        var what = failed.ExitCode is { } code
            ? string.Create(CultureInfo.InvariantCulture, $"exited {code} ({CommandKinds.Describe(kind, code)})")
            : $"ended {CommandStatuses.Normalize(failed.Status)}";
        var errors = OutputTail.ErrorLines(failed.Output);
        var firstError = errors.Count > 0 ? errors[0] : null;
        var why = firstError is null ? "" : $": {Cap(firstError)}";
        return $"Instance {failed.InstanceId}{RoleSuffix(role)} {what}{why}";
    }

    private static string RoleSuffix(string? role) => string.IsNullOrEmpty(role) ? "" : $" (role {role})";

    private static string Cap(string line) => line.Length <= MaxErrorLineLength ? line : line[..MaxErrorLineLength] + "…";
}

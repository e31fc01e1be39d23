using System.Globalization;
using System.Text;
using System.Text.Json;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Functions.Api;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Functions.Outbox;
using Wso2Serverless.Runtime;

namespace Wso2Serverless.Functions.Scheduling;

/// <summary>
/// Starts scheduled rebuilds and expires environments. Every 5 minutes (or when a rule names one
/// environment) it looks at each registered environment:
/// <list type="bullet">
/// <item>expiry passed: start a teardown named after the environment and its expiry, once;</item>
/// <item>a rebuild due since the last handled due time: start it under a name derived from the
/// environment and the due time (a retried tick asks for the same execution and gets "already
/// started"), then move <c>LastScheduledAt</c> forward with a compare-and-set. After missed ticks
/// only the newest due time runs;</item>
/// <item>busy environment: the due time is recorded as a skip (a Rejected deployment record whose
/// reason starts with "skipped: environment busy") and consumed, so the history shows it and the
/// next due time is the next chance;</item>
/// <item>unknown or disabled: logged and left alone.</item>
/// </list>
/// Each tick also sends the run notifications still pending after their closer's hold (see
/// <see cref="OutboxSender"/>).
/// One environment's failure is logged and does not stop the others.
/// </summary>
public sealed class SchedulerHandler(FunctionServices services)
{
    private readonly FunctionServices _services = services ?? throw new ArgumentNullException(nameof(services));

    public async Task<SchedulerResult> HandleAsync(SchedulerInput input, LambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var tick = TickTime(input);
        IReadOnlyList<EnvironmentConfig> configs;
        var items = new List<ScheduleAction>();
        if (input.Environment is { Length: > 0 } named)
        {
            var config = await _services.Environments.GetAsync(named, context.CancellationToken).ConfigureAwait(false);
            if (config is null)
            {
                context.Log.Warn("scheduled environment is not registered", ("environment", named));
                items.Add(new ScheduleAction(named, ScheduleActions.Unknown, Detail: "not registered (PUT /environments/{env})"));
            }

            configs = config is null ? [] : [config];
        }
        else
        {
            configs = await _services.Environments.ListAsync(context.CancellationToken).ConfigureAwait(false);
        }

        foreach (var config in configs)
        {
            ScheduleAction action;
            try
            {
                action = await HandleEnvironmentAsync(config, tick, context).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                context.Log.Error("scheduling an environment failed", ex, ("environment", config.Environment));
                action = new ScheduleAction(config.Environment, ScheduleActions.Failed, Detail: ex.GetType().Name);
            }

            context.Log.Info("scheduler", ("environment", action.Environment), ("action", action.Action), ("executionName", action.ExecutionName), ("detail", action.Detail));
            items.Add(action);
        }

        return new SchedulerResult(tick, items, await RetryNotificationsAsync(context).ConfigureAwait(false));
    }

    /// <summary>Sends the notifications whose closer could not (publish failed, or it died after the close).</summary>
    private async Task<IReadOnlyList<NotificationRetry>> RetryNotificationsAsync(LambdaContext context)
    {
        try
        {
            var retried = await new OutboxSender(_services.Deployments, _services.Notifier, _services.Clock).RetryPendingAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var retry in retried)
            {
                context.Log.Info("notification retried", ("deploymentId", retry.DeploymentId), ("action", retry.Action));
            }

            return retried;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            context.Log.Error("retrying pending notifications failed; the next tick tries again", ex);
            return [];
        }
    }

    private async Task<ScheduleAction> HandleEnvironmentAsync(EnvironmentConfig config, DateTimeOffset tick, LambdaContext context)
    {
        var cancellation = context.CancellationToken;
        if (config.ExpiresAt is { } expiresAt && expiresAt <= tick)
        {
            return await ExpireAsync(config, expiresAt, tick, cancellation).ConfigureAwait(false);
        }

        if (!config.Enabled || config.Schedule is null)
        {
            return new ScheduleAction(config.Environment, ScheduleActions.Disabled, Detail: config.Schedule is null ? "no schedule" : "schedule disabled");
        }

        if (!RebuildSchedule.TryParse(config.Schedule, tick, out var schedule, out var error))
        {
            return new ScheduleAction(config.Environment, ScheduleActions.Disabled, Detail: "schedule not valid: " + error);
        }

        var since = config.LastScheduledAt ?? config.UpdatedAt;
        if (schedule!.LatestDue(since, tick) is not { } due)
        {
            return new ScheduleAction(config.Environment, ScheduleActions.NotDue);
        }

        var name = RunNames.ScheduledRebuild(config.Environment, due);
        var holder = await _services.Locks.GetAsync(config.Environment, cancellation).ConfigureAwait(false);
        if (holder is not null && holder.LeaseExpiresAt > tick && holder.DeploymentId != name)
        {
            await RecordSkipAsync(config, name, holder, due, tick, cancellation).ConfigureAwait(false);
            await _services.Environments.MarkScheduledAsync(config.Environment, config.LastScheduledAt, due, cancellation).ConfigureAwait(false);
            return new ScheduleAction(config.Environment, ScheduleActions.SkippedBusy, name, $"busy with deployment '{holder.DeploymentId}'");
        }

        // Start first, then mark: a crash between the two is repaired by the next tick, which
        // computes the same due time and name and is told the run already started.
        var input = ScheduledInput(config.RequestTemplate);
        var asked = _services.Clock.UtcNow;
        var started = await _services.Workflow.StartExecutionAsync(_services.Settings.StateMachineArn, name, input, cancellation).ConfigureAwait(false);
        var marked = await _services.Environments.MarkScheduledAsync(config.Environment, config.LastScheduledAt, due, cancellation).ConfigureAwait(false);
        return new ScheduleAction(config.Environment, StartedEarlier(started, asked) ? ScheduleActions.AlreadyStarted : ScheduleActions.Started, name,
            marked ? null : "another tick marked this due time first");
    }

    /// <summary>
    /// Tears an expired environment down once: the name is derived from the expiry, and after the
    /// start the configuration is disabled and its expiry cleared, so no later tick asks again and
    /// an expired environment is not rebuilt. A busy environment is tried again on the next tick.
    /// </summary>
    private async Task<ScheduleAction> ExpireAsync(EnvironmentConfig config, DateTimeOffset expiresAt, DateTimeOffset tick, CancellationToken cancellation)
    {
        var name = RunNames.Expiry(config.Environment, expiresAt);
        var stack = await EnvironmentStacks.FindAsync(_services.Deployments, _services.Environments, config.Environment, cancellation).ConfigureAwait(false);
        if (stack.StackName is null)
        {
            await RetireAsync(config, tick, cancellation).ConfigureAwait(false);
            return new ScheduleAction(config.Environment, ScheduleActions.ExpiredNothingToRemove, name, stack.Source);
        }

        var holder = await _services.Locks.GetAsync(config.Environment, cancellation).ConfigureAwait(false);
        if (holder is not null && holder.LeaseExpiresAt > tick && holder.DeploymentId != name)
        {
            return new ScheduleAction(config.Environment, ScheduleActions.ExpiryWaitsForBusy, name, $"busy with deployment '{holder.DeploymentId}'");
        }

        var input = ApiHandler.TeardownInput(config.Environment, stack.StackName, "schedule");
        var asked = _services.Clock.UtcNow;
        var started = await _services.Workflow.StartExecutionAsync(_services.Settings.TeardownStateMachineArn, name, input, cancellation).ConfigureAwait(false);
        await RetireAsync(config, tick, cancellation).ConfigureAwait(false);
        return new ScheduleAction(config.Environment, StartedEarlier(started, asked) ? ScheduleActions.TeardownAlreadyStarted : ScheduleActions.TeardownStarted, name);
    }

    /// <summary>Clocks of Lambda and Step Functions agree to well within this; a retried tick comes a minute or more later.</summary>
    private static readonly TimeSpan ClockTolerance = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether an earlier invocation started the run: Step Functions answers a repeated start of
    /// a running execution (same name, same input) as it answered the first, start date included,
    /// so AlreadyStarted alone misses a retried tick; a start date before this call does not.
    /// </summary>
    private static bool StartedEarlier(Domain.Ports.StartExecutionResult started, DateTimeOffset asked) =>
        started.AlreadyStarted || started.StartDate < asked - ClockTolerance;

    private Task RetireAsync(EnvironmentConfig config, DateTimeOffset now, CancellationToken cancellation) =>
        _services.Environments.PutAsync(config with { Enabled = false, ExpiresAt = null, UpdatedAt = now }, cancellation);

    /// <summary>The skip, in the environment's history where people look: a Rejected record that never ran.</summary>
    private async Task RecordSkipAsync(EnvironmentConfig config, string name, LockInfo holder, DateTimeOffset due, DateTimeOffset now, CancellationToken cancellation)
    {
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"skipped: environment busy with deployment '{holder.DeploymentId}' when the rebuild due at {due:O} came up");
        var created = await _services.Deployments.CreateAsync(new DeploymentRecord
        {
            DeploymentId = name,
            Environment = config.Environment,
            StackName = EnvironmentStacks.StackNameOf(config.RequestTemplate) ?? "",
            Status = DeploymentStatus.Rejected,
            StartedAt = now,
            EndedAt = now,
            Trigger = "schedule",
            Rebuild = true,
            Reason = reason,
        }, cancellation).ConfigureAwait(false);
        _ = created; // false: a retried tick recorded it already
    }

    /// <summary>The tick's own time when EventBridge gives one, so a retried delivery computes the same due time.</summary>
    private DateTimeOffset TickTime(SchedulerInput input)
    {
        var now = _services.Clock.UtcNow;
        return input.Time is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            && time <= now
                ? time
                : now;
    }

    /// <summary>The registered request, marked as a scheduled rebuild.</summary>
    internal static string ScheduledInput(string requestTemplate)
    {
        using var template = JsonDocument.Parse(requestTemplate);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in template.RootElement.EnumerateObject())
            {
                if (property.NameEquals("trigger") || property.NameEquals("rebuild"))
                {
                    continue;
                }

                property.WriteTo(writer);
            }

            writer.WriteBoolean("rebuild", true);
            writer.WriteString("trigger", "schedule");
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

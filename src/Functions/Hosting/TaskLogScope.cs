using System.Diagnostics;
using System.Text.Json;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Runtime;

namespace Wso2Serverless.Functions.Hosting;

/// <summary>
/// Gives every workflow task's log lines the run's <c>deploymentId</c> and <c>phase</c> (read from
/// the task's input), logs one <c>task finished</c> line with the invocation's duration, and turns
/// the phase and deployment metrics a closing task emits into <c>phase ended</c> and
/// <c>deployment ended</c> lines, so CloudWatch Logs Insights can query runs by phase
/// (docs/logs-insights.md). The tasks themselves stay as they are.
/// </summary>
internal static class TaskLogScope
{
    public static FunctionDefinition Wrap(FunctionDefinition definition) =>
        definition with { Create = services => new Scoped(definition.Handler, services, definition.Create) };

    /// <summary>The deployment id and phase a task's input names; either may be null.</summary>
    public static (string? DeploymentId, string? Phase) Read(string handler, ReadOnlySpan<byte> payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var id = Text(root, "deployment", "deploymentId") ?? Text(root, "executionName");
            var role = Text(root, "agent", "role") ?? Text(root, "role");
            var phase = handler switch
            {
                HandlerNames.Accept => PhaseNames.Accept,
                HandlerNames.RemoveOldStack => PhaseNames.RemoveOld,
                HandlerNames.CreateStack => PhaseNames.CreateStack,
                HandlerNames.AwaitPuppetMaster => PhaseNames.AwaitPuppetMaster,
                HandlerNames.RunDatabaseScripts => PhaseNames.RunDatabaseScripts,
                HandlerNames.RunPuppetAgent => role is null ? PhaseNames.RunPuppetAgents : PhaseNames.Agent(role),
                HandlerNames.Verify => PhaseNames.Verify,
                HandlerNames.Complete => PhaseNames.Complete,
                _ => Text(root, "phase") is { } named && named == PhaseNames.RunPuppetAgents && role is not null ? PhaseNames.Agent(role) : Text(root, "phase"),
            };
            return (id, phase);
        }
        catch (JsonException)
        {
            // The task itself reports unreadable input; the log scope just stays empty.
            return (null, null);
        }
    }

    private static string? Text(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !TryGet(element, name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    // The workflow's JSON is camelCase; tasks read it case-insensitively, and so do we.
    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private sealed class Scoped(string handler, FunctionServices services, Func<FunctionServices, ILambdaHandler> create) : ILambdaHandler
    {
        public async Task<ReadOnlyMemory<byte>> HandleAsync(ReadOnlyMemory<byte> payload, LambdaContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            var (deploymentId, phase) = Read(handler, payload.Span);
            if (deploymentId is not null)
            {
                context.Log.SetDeploymentId(deploymentId);
            }

            if (phase is not null)
            {
                context.Log.SetPhase(phase);
            }

            // Built per invocation (constructors only) so its metrics also reach this invocation's log.
            var inner = create(services with { Metrics = new LoggingMetricSink(services.Metrics, context.Log) });
            var watch = Stopwatch.StartNew();
            var result = await inner.HandleAsync(payload, context).ConfigureAwait(false);
            context.Log.Info("task finished", ("task", handler), ("durationMs", watch.ElapsedMilliseconds));
            return result;
        }
    }

    /// <summary>Passes every metric line on, and logs what a phase or deployment metric says.</summary>
    private sealed class LoggingMetricSink(IMetricSink inner, IJsonLog log) : IMetricSink
    {
        public void Emit(string emfLine)
        {
            inner.Emit(emfLine);
            using var document = JsonDocument.Parse(emfLine);
            var root = document.RootElement;
            if (root.TryGetProperty("PhaseDuration", out var phaseDuration))
            {
                log.Info("phase ended",
                    ("phase", root.GetProperty("Phase").GetString()),
                    ("status", root.GetProperty("PhaseFailed").GetInt32() == 1 ? nameof(PhaseStatus.Failed) : nameof(PhaseStatus.Succeeded)),
                    ("durationMs", phaseDuration.GetInt64()),
                    ("attempt", root.TryGetProperty("attempt", out var attempt) ? attempt.GetInt32() : 1),
                    ("environment", root.GetProperty("Environment").GetString()));
            }
            else if (root.TryGetProperty("DeploymentDuration", out var deploymentDuration))
            {
                log.Info("deployment ended",
                    ("status", root.GetProperty("Outcome").GetString()),
                    ("durationMs", deploymentDuration.GetInt64()),
                    ("environment", root.GetProperty("Environment").GetString()));
            }
        }
    }
}

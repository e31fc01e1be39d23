using System.Buffers;
using System.Text;
using System.Text.Json;
using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Domain.Metrics;

/// <summary>
/// Phase and deployment metrics as CloudWatch Embedded Metric Format lines: CloudWatch Logs
/// turns them into metrics, so no PutMetricData call (and no extra SDK) is needed. Callers
/// write each line as is through <c>IJsonLog.Raw</c>.
/// <code>
/// string? EmfMetrics.Phase(string environment, PhaseRecord phase, DateTimeOffset timestamp)
/// string  EmfMetrics.Deployment(string environment, string deploymentId, DeploymentStatus outcome, TimeSpan duration, DateTimeOffset timestamp)
/// IReadOnlyList&lt;string&gt; EmfMetrics.ForDeployment(DeploymentRecord closed, IReadOnlyList&lt;PhaseRecord&gt; phases, DateTimeOffset timestamp)
/// </code>
/// Dimensions: Environment and Phase for phases; Environment, and Environment + Outcome, for
/// deployments. The deployment id rides along as a plain property (searchable in Logs Insights,
/// not a dimension: one metric per deployment would be costly and useless).
/// </summary>
public static class EmfMetrics
{
    public const string Namespace = "Wso2Serverless";
    public const string PhaseDuration = "PhaseDuration";
    public const string PhaseSucceeded = "PhaseSucceeded";
    public const string PhaseFailed = "PhaseFailed";
    public const string DeploymentDuration = "DeploymentDuration";
    public const string DeploymentOutcome = "DeploymentOutcome";

    /// <summary>The line of a finished phase; null for phases that are running or skipped (nothing to measure).</summary>
    public static string? Phase(string environment, PhaseRecord phase, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(phase);
        if (phase.Status is not (PhaseStatus.Succeeded or PhaseStatus.Failed) || phase.EndedAt is not { } ended)
        {
            return null;
        }

        var succeeded = phase.Status == PhaseStatus.Succeeded;
        return Write(timestamp, w =>
        {
            Directive(w, ["Environment", "Phase"], (PhaseDuration, "Milliseconds"), (PhaseSucceeded, "Count"), (PhaseFailed, "Count"));
        }, w =>
        {
            w.WriteString("Environment", environment);
            w.WriteString("Phase", phase.Phase);
            w.WriteNumber(PhaseDuration, Math.Max(0, (long)(ended - phase.StartedAt).TotalMilliseconds));
            w.WriteNumber(PhaseSucceeded, succeeded ? 1 : 0);
            w.WriteNumber(PhaseFailed, succeeded ? 0 : 1);
            w.WriteString("deploymentId", phase.DeploymentId);
            w.WriteNumber("attempt", phase.Attempt);
        });
    }

    public static string Deployment(string environment, string deploymentId, DeploymentStatus outcome, TimeSpan duration, DateTimeOffset timestamp)
    {
        return Write(timestamp, w =>
        {
            Directive(w, ["Environment"], (DeploymentDuration, "Milliseconds"));
            Directive(w, ["Environment", "Outcome"], (DeploymentOutcome, "Count"));
        }, w =>
        {
            w.WriteString("Environment", environment);
            w.WriteString("Outcome", outcome.ToString());
            w.WriteNumber(DeploymentDuration, Math.Max(0, (long)duration.TotalMilliseconds));
            w.WriteNumber(DeploymentOutcome, 1);
            w.WriteString("deploymentId", deploymentId);
        });
    }

    /// <summary>Every line for a closed deployment: one per finished phase, then the deployment's own.</summary>
    public static IReadOnlyList<string> ForDeployment(DeploymentRecord closed, IReadOnlyList<PhaseRecord> phases, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(closed);
        ArgumentNullException.ThrowIfNull(phases);
        var lines = phases.Select(p => Phase(closed.Environment, p, timestamp)).OfType<string>().ToList();
        var duration = (closed.EndedAt ?? timestamp) - closed.StartedAt;
        lines.Add(Deployment(closed.Environment, closed.DeploymentId, closed.Status, duration, timestamp));
        return lines;
    }

    private static string Write(DateTimeOffset timestamp, Action<Utf8JsonWriter> directives, Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("_aws");
            w.WriteNumber("Timestamp", timestamp.ToUnixTimeMilliseconds());
            w.WriteStartArray("CloudWatchMetrics");
            directives(w);
            w.WriteEndArray();
            w.WriteEndObject();
            members(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Directive(Utf8JsonWriter w, string[] dimensions, params (string Name, string Unit)[] metrics)
    {
        w.WriteStartObject();
        w.WriteString("Namespace", Namespace);
        w.WriteStartArray("Dimensions");
        w.WriteStartArray();
        foreach (var d in dimensions)
        {
            w.WriteStringValue(d);
        }

        w.WriteEndArray();
        w.WriteEndArray();
        w.WriteStartArray("Metrics");
        foreach (var (name, unit) in metrics)
        {
            w.WriteStartObject();
            w.WriteString("Name", name);
            w.WriteString("Unit", unit);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}

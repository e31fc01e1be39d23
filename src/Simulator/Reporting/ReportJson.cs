using System.Text.Json;
using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Simulator.Reporting;

/// <summary>
/// Writes <c>--json FILE</c>: phases with durations, state transitions, invocations, events,
/// records, notifications. Two runs with one seed write the same report except for
/// <see cref="RunDependentFields"/>.
/// </summary>
public static class ReportJson
{
    /// <summary>What depends on the machine, not on the seed: real durations and times, and moto's port.</summary>
    public static readonly IReadOnlyList<string> RunDependentFields = ["realSeconds", "motoEndpoint", "invocations[].realAtMs", "invocations[].realMs", "invocations[].standInMs"];

    public static void Write(SimulationReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("scenario", report.Scenario);
        w.WriteString("expectedStatus", report.ExpectedStatus);
        w.WriteNumber("seed", report.Seed);
        w.WriteStartArray("runDependentFields");
        foreach (var field in RunDependentFields)
        {
            w.WriteStringValue(field);
        }

        w.WriteEndArray();
        w.WriteStartObject("clock");
        w.WriteString("mode", report.Pace is null ? "virtual" : "paced");
        if (report.Pace is { } pace)
        {
            w.WriteNumber("pace", pace);
        }

        w.WriteNumber("steps", report.Steps);
        w.WriteNumber("advances", report.Advances.Count);
        w.WriteNumber("advancesWithWorkUnderWay", report.Advances.Count(a => !a.WasQuiet));
        w.WriteEndObject();
        w.WriteNumber("realSeconds", Math.Round(report.RealDuration.TotalSeconds, 2));
        w.WriteString("motoEndpoint", report.MotoEndpoint.ToString());
        w.WriteString("table", report.TableName);
        w.WriteNumber("throttledCalls", report.ThrottledCalls);

        w.WriteStartArray("executions");
        foreach (var e in report.Executions)
        {
            w.WriteStartObject();
            w.WriteString("name", e.Name);
            w.WriteString("environment", e.Environment);
            w.WriteString("stackName", e.StackName);
            w.WriteString("status", e.Status);
            w.WriteString("error", e.Error);
            w.WriteString("cause", e.Cause);
            w.WriteString("startedAt", e.StartedAt);
            w.WriteString("endedAt", e.EndedAt);
            w.WriteNumber("durationSeconds", Math.Round((e.EndedAt - e.StartedAt).TotalSeconds));
            w.WriteNumber("stateTransitions", e.Transitions);
            w.WriteStartArray("states");
            foreach (var s in e.States)
            {
                w.WriteStartObject();
                w.WriteString("state", s.State);
                w.WriteString("type", s.StateType);
                w.WriteString("enteredAt", s.EnteredAt);
                if (s.ExitedAt is { } exited)
                {
                    w.WriteString("exitedAt", exited);
                    w.WriteNumber("durationSeconds", Math.Round((exited - s.EnteredAt).TotalSeconds));
                }

                if (s.Error is not null)
                {
                    w.WriteString("error", s.Error);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteRecord(w, e.Record);
            w.WriteStartArray("phases");
            foreach (var p in e.Phases)
            {
                WritePhase(w, p);
            }

            w.WriteEndArray();
            if (e.Lock is { } held)
            {
                w.WriteStartObject("lock");
                w.WriteString("holder", held.DeploymentId);
                w.WriteString("leaseExpiresAt", held.LeaseExpiresAt);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("lock");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("invocations");
        foreach (var i in report.Invocations.OrderBy(i => i.StartedAt))
        {
            w.WriteStartObject();
            w.WriteString("function", i.Handler);
            w.WriteString("caller", i.Caller);
            w.WriteString("execution", i.Execution);
            w.WriteString("at", i.StartedAt);
            w.WriteNumber("realAtMs", Math.Round(i.RealStart.TotalMilliseconds, 1));
            w.WriteNumber("realMs", Math.Round(i.RealDuration.TotalMilliseconds, 1));
            w.WriteNumber("standInMs", Math.Round(i.StandInDuration.TotalMilliseconds, 1));
            w.WriteString("errorType", i.ErrorType);
            if (i.EventId is not null)
            {
                w.WriteString("eventId", i.EventId);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("events");
        foreach (var ev in report.Events.OrderBy(e => e.At))
        {
            w.WriteStartObject();
            w.WriteString("at", ev.At);
            w.WriteString("source", ev.Source);
            w.WriteString("detailType", ev.DetailType);
            w.WriteString("target", ev.Target);
            w.WriteString("outcome", ev.Outcome);
            w.WritePropertyName("event");
            using (var doc = JsonDocument.Parse(ev.Json))
            {
                doc.RootElement.WriteTo(w);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("notifications");
        foreach (var n in report.Notifications)
        {
            w.WriteStartObject();
            w.WriteString("at", n.At);
            w.WriteString("via", n.Via);
            w.WriteString("execution", n.Execution);
            w.WriteString("topicArn", n.TopicArn);
            w.WriteString("subject", n.Subject);
            w.WriteString("message", n.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("stacks");
        foreach (var s in report.Stacks)
        {
            w.WriteStartObject();
            w.WriteString("stackId", s.StackId);
            w.WriteString("stackName", s.StackName);
            w.WriteString("status", s.Status);
            w.WriteString("statusReason", s.StatusReason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteRecord(Utf8JsonWriter w, DeploymentRecord? r)
    {
        if (r is null)
        {
            w.WriteNull("record");
            return;
        }

        w.WriteStartObject("record");
        w.WriteString("deploymentId", r.DeploymentId);
        w.WriteString("status", r.Status.ToString());
        w.WriteString("startedAt", r.StartedAt);
        if (r.EndedAt is { } ended)
        {
            w.WriteString("endedAt", ended);
        }

        w.WriteString("stackId", r.StackId);
        w.WriteString("failedPhase", r.FailedPhase);
        w.WriteString("reason", r.Reason);
        w.WriteStartObject("outputs");
        foreach (var (k, v) in r.Outputs)
        {
            w.WriteString(k, v);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WritePhase(Utf8JsonWriter w, PhaseRecord p)
    {
        w.WriteStartObject();
        w.WriteString("phase", p.Phase);
        w.WriteString("status", p.Status.ToString());
        w.WriteString("startedAt", p.StartedAt);
        if (p.EndedAt is { } ended)
        {
            w.WriteString("endedAt", ended);
            w.WriteNumber("durationSeconds", Math.Round((ended - p.StartedAt).TotalSeconds));
        }

        w.WriteNumber("attempt", p.Attempt);
        w.WriteString("error", p.Error);
        w.WriteStartObject("detail");
        foreach (var (k, v) in p.Detail)
        {
            w.WriteString(k, v);
        }

        w.WriteEndObject();
        w.WriteStartArray("instances");
        foreach (var i in p.Instances)
        {
            w.WriteStartObject();
            w.WriteString("instanceId", i.InstanceId);
            w.WriteString("status", i.Status);
            if (i.ExitCode is { } code)
            {
                w.WriteNumber("exitCode", code);
            }

            w.WriteString("outputTail", i.OutputTail);
            if (i.ReportedAt is { } reported)
            {
                w.WriteString("reportedAt", reported);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("subSteps");
        foreach (var s in p.SubSteps)
        {
            w.WriteStartObject();
            w.WriteString("name", s.Name);
            w.WriteString("status", s.Status);
            w.WriteString("at", s.At);
            w.WriteString("message", s.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Wso2Serverless.Domain.Signals;

namespace Wso2Serverless.Domain.Events;

/// <summary>
/// Reads an EventBridge payload into a typed event. It never throws for bad input: an event
/// that is malformed, unrelated or missing a field the orchestrator needs comes back as a drop
/// with its reason, because a throwing router would make Lambda retry an event that can never
/// succeed and hide the real ones behind it.
/// </summary>
public static class EventParser
{
    private const int MaxEchoLength = 80;

    public static EventParseResult Parse(ReadOnlySpan<byte> utf8Json)
    {
        EventEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(utf8Json, EventJsonContext.Default.EventEnvelope);
        }
        catch (JsonException ex)
        {
            // Only the position: the message of a JsonException can quote payload bytes.
            return EventParseResult.Drop(string.Create(CultureInfo.InvariantCulture, $"malformed JSON (path {ex.Path ?? "$"}, line {ex.LineNumber}, byte {ex.BytePositionInLine})"));
        }

        if (envelope is null)
        {
            return EventParseResult.Drop("payload is JSON null, not an event");
        }

        if (string.IsNullOrEmpty(envelope.Source) || string.IsNullOrEmpty(envelope.DetailType))
        {
            return EventParseResult.Drop("not an EventBridge event: source or detail-type missing");
        }

        if (envelope.Detail.ValueKind != JsonValueKind.Object)
        {
            return EventParseResult.Drop($"event {Echo(envelope.Source)} / {Echo(envelope.DetailType)} has no detail object");
        }

        var metadata = new EventMetadata(
            envelope.Id ?? "",
            envelope.Source,
            envelope.DetailType,
            DateTimeOffset.TryParse(envelope.Time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null,
            envelope.Account,
            envelope.Region,
            envelope.Resources ?? []);

        if (PuppetMasterSignal.EnvironmentOf(envelope.Source) is not null && envelope.DetailType == EventSources.PuppetMasterSignalType)
        {
            return Read(metadata, envelope.Detail, EventJsonContext.Default.PuppetMasterSignalDetail, ValidateSignal);
        }

        return (envelope.Source, envelope.DetailType) switch
        {
            (EventSources.CloudFormation, EventSources.StackStatusChange) =>
                Read(metadata, envelope.Detail, EventJsonContext.Default.StackStatusChangeDetail, d =>
                    Missing(("stack-id", d.StackId), ("status-details.status", d.StatusDetails?.Status))),
            (EventSources.Ssm, EventSources.CommandStatusChange) =>
                Read(metadata, envelope.Detail, EventJsonContext.Default.CommandStatusChangeDetail, d =>
                    Missing(("command-id", d.CommandId), ("status", d.Status))),
            (EventSources.Ssm, EventSources.CommandInvocationStatusChange) =>
                Read(metadata, envelope.Detail, EventJsonContext.Default.CommandInvocationStatusChangeDetail, d =>
                    Missing(("command-id", d.CommandId), ("instance-id", d.InstanceId), ("status", d.Status))),
            (EventSources.StepFunctions, EventSources.ExecutionStatusChange) =>
                Read(metadata, envelope.Detail, EventJsonContext.Default.ExecutionStatusChangeDetail, d =>
                    Missing(("executionArn", d.ExecutionArn), ("name", d.Name), ("status", d.Status))),
            _ => EventParseResult.Drop($"unrelated event: source {Echo(envelope.Source)}, detail-type {Echo(envelope.DetailType)}"),
        };
    }

    private static EventParseResult Read<TDetail>(EventMetadata metadata, JsonElement detail, JsonTypeInfo<TDetail> typeInfo, Func<TDetail, string?> validate)
        where TDetail : class
    {
        TDetail? typed;
        try
        {
            typed = detail.Deserialize(typeInfo);
        }
        catch (JsonException ex)
        {
            return EventParseResult.Drop($"{metadata.DetailType}: detail does not have the documented shape (at {ex.Path ?? "$"})");
        }

        if (typed is null)
        {
            return EventParseResult.Drop($"{metadata.DetailType}: detail is null");
        }

        var problem = validate(typed);
        return problem is null
            ? EventParseResult.Of(new EventBridgeEvent<TDetail>(metadata, typed))
            : EventParseResult.Drop($"{metadata.DetailType}: {problem}");
    }

    private static string? ValidateSignal(PuppetMasterSignalDetail signal)
    {
        var missing = Missing(("deploymentId", signal.DeploymentId), ("stage", signal.Stage), ("status", signal.Status));
        if (missing is not null)
        {
            return missing;
        }

        return signal.Status is PuppetMasterSignal.Progress or PuppetMasterSignal.Ready or PuppetMasterSignal.Failed
            ? null
            : $"status {Echo(signal.Status)} is not one of {PuppetMasterSignal.Progress}, {PuppetMasterSignal.Ready}, {PuppetMasterSignal.Failed}";
    }

    private static string? Missing(params (string Name, string? Value)[] fields)
    {
        var absent = fields.Where(f => string.IsNullOrWhiteSpace(f.Value)).Select(f => f.Name).ToList();
        return absent.Count == 0 ? null : $"missing {string.Join(", ", absent)}";
    }

    // Source and detail-type are AWS-defined names, safe to echo; the cap keeps a hostile
    // sender from flooding the log through them.
    private static string Echo(string? value) =>
        value is null ? "(none)" : value.Length <= MaxEchoLength ? $"'{value}'" : $"'{value[..MaxEchoLength]}…'";
}

namespace Wso2Serverless.Domain.Events;

/// <summary>
/// The common EventBridge fields of an event, kept beside the typed detail so that logs and the
/// router's result can name the event (id, source) without holding on to the raw payload.
/// </summary>
public sealed record EventMetadata(
    string Id,
    string Source,
    string DetailType,
    DateTimeOffset? Time,
    string? Account,
    string? Region,
    IReadOnlyList<string> Resources);

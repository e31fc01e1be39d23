namespace Wso2Serverless.Domain.Events;

/// <summary>
/// What the parser made of a payload: an event the orchestrator handles, or the reason it was
/// dropped. The reason names fields and sources only, never payload values, so it can be logged.
/// </summary>
public sealed record EventParseResult
{
    public IEventBridgeEvent? Event { get; private init; }
    public string? DropReason { get; private init; }

    public bool Accepted => Event is not null;

    public static EventParseResult Of(IEventBridgeEvent parsed) => new() { Event = parsed };

    public static EventParseResult Drop(string reason) => new() { DropReason = reason };
}

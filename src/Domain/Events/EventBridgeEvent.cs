namespace Wso2Serverless.Domain.Events;

/// <summary>Any event the parser accepted; switch on the concrete <see cref="EventBridgeEvent{TDetail}"/>.</summary>
public interface IEventBridgeEvent
{
    EventMetadata Metadata { get; }
}

/// <summary>
/// An EventBridge event whose <c>detail</c> has been read into its typed shape and validated
/// (the fields the orchestrator relies on are present).
/// </summary>
public sealed record EventBridgeEvent<TDetail>(EventMetadata Metadata, TDetail Detail) : IEventBridgeEvent
    where TDetail : class;

using Wso2Serverless.StandIns.World;

namespace Wso2Serverless.Simulator.Hosting;

/// <summary>
/// Lets the world exist before the functions it calls: the world is one of the functions'
/// services, and the functions are the world's event targets.
/// </summary>
internal sealed class EventTargetRelay : IEventTarget
{
    public IEventTarget? Inner { get; set; }

    public Task InvokeAsync(string functionName, string eventJson, CancellationToken cancellationToken) =>
        (Inner ?? throw new InvalidOperationException("No event target yet.")).InvokeAsync(functionName, eventJson, cancellationToken);
}

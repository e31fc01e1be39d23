namespace Wso2Serverless.StandIns.World;

/// <summary>Where EventBridge rules send events: a Lambda function, invoked asynchronously.</summary>
public interface IEventTarget
{
    /// <summary>Invokes the function with the event; throws when the invocation fails (EventBridge retries).</summary>
    Task InvokeAsync(string functionName, string eventJson, CancellationToken cancellationToken);
}

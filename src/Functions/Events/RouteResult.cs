namespace Wso2Serverless.Functions.Events;

/// <summary>
/// What the event router did with one event. Returned as the invocation's result so tests and
/// <c>simulate</c> can follow it; EventBridge ignores it.
/// </summary>
public sealed record RouteResult(string Action, string? CorrelationKey = null, string? Detail = null)
{
    /// <summary>Malformed, unrelated or incomplete: logged with the reason and dropped.</summary>
    public const string Dropped = "dropped";
    /// <summary>Valid but nothing to do (e.g. progress of a command no task waits on).</summary>
    public const string Ignored = "ignored";
    /// <summary>Not final: progress recorded and/or the waiting task heartbeated.</summary>
    public const string Progress = "progress";
    /// <summary>Final: this call delivered the waiting task's callback.</summary>
    public const string Completed = "completed";
    /// <summary>Final, but no task is registered yet: the outcome waits for it (the task completes itself on register).</summary>
    public const string Recorded = "recorded";
    /// <summary>Final, and the task's callback was already sent (a duplicate event) or the task is gone.</summary>
    public const string Duplicate = "duplicate";
}

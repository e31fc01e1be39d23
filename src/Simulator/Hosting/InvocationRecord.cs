namespace Wso2Serverless.Simulator.Hosting;

/// <summary>One function invocation: who called (a state, or an EventBridge rule), how long, and how it ended.</summary>
public sealed record InvocationRecord(
    string Handler,
    string Caller,
    string? Execution,
    DateTimeOffset StartedAt,
    TimeSpan RealDuration,
    string? ErrorType);

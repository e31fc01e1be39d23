namespace Wso2Serverless.Simulator.Hosting;

/// <summary>
/// One function invocation: who called (a state, or an EventBridge rule, with the event it
/// delivered), when in virtual time, when and how long in real time (since the run started;
/// these two differ from run to run), how much of that it waited on the stand-ins over HTTP
/// (<see cref="StandInTime"/>), and how it ended.
/// </summary>
public sealed record InvocationRecord(
    string Handler,
    string Caller,
    string? Execution,
    DateTimeOffset StartedAt,
    TimeSpan RealStart,
    TimeSpan RealDuration,
    string? ErrorType,
    string? EventId = null,
    TimeSpan StandInDuration = default);

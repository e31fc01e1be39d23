namespace Wso2Serverless.Runtime;

/// <summary>
/// What a handler knows about its invocation. <see cref="CancellationToken"/> fires shortly
/// before the deadline so a handler can record what it was doing instead of being killed.
/// </summary>
public sealed class LambdaContext
{
    public required string RequestId { get; init; }
    public required string FunctionName { get; init; }
    public required DateTimeOffset Deadline { get; init; }
    public string InvokedFunctionArn { get; init; } = "";
    public string? TraceId { get; init; }
    public CancellationToken CancellationToken { get; init; }
    public required Func<DateTimeOffset> Now { get; init; }
    public required IJsonLog Log { get; init; }

    public TimeSpan RemainingTime => Deadline - Now();
}

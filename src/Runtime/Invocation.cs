namespace Wso2Serverless.Runtime;

/// <summary>One event as <c>GET /runtime/invocation/next</c> hands it over: headers and body.</summary>
public sealed record Invocation(
    string RequestId,
    DateTimeOffset? Deadline,
    string InvokedFunctionArn,
    string? TraceId,
    ReadOnlyMemory<byte> Payload);

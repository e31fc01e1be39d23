using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Runtime;
using Wso2Serverless.StandIns.World;

namespace Wso2Serverless.Simulator.Hosting;

/// <summary>
/// Invokes the real handlers the way the Lambda bootstrap does:
/// <c>FunctionCatalog.Find(handler).Create(services).HandleAsync(payload, context)</c>, with a
/// fresh context and a JSON log per invocation. Both the Lambda endpoint (tasks of the state
/// machine) and EventBridge (events of the world) come through here.
/// </summary>
public sealed class FunctionDispatcher(FunctionServices services, ScaledClock clock, TextWriter log) : IEventTarget
{
    private readonly ConcurrentQueue<InvocationRecord> _invocations = new();

    /// <summary>When set, every invocation runs twice, as Lambda's at-least-once delivery allows.</summary>
    public bool DuplicateInvocations { get; init; }

    public IReadOnlyList<InvocationRecord> Invocations => [.. _invocations];

    /// <summary>The result of one invocation: the payload, or the Runtime API's error body.</summary>
    public sealed record Result(byte[] Payload, string? ErrorType);

    public async Task<Result> InvokeAsync(string handler, ReadOnlyMemory<byte> payload, string caller, string? execution)
    {
        if (!DuplicateInvocations)
        {
            return await InvokeOnceAsync(handler, payload, caller, execution).ConfigureAwait(false);
        }

        // Two deliveries of the same request, overlapping: the handler must make them one.
        var first = InvokeOnceAsync(handler, payload, caller, execution);
        var second = InvokeOnceAsync(handler, payload, caller + " (duplicate)", execution);
        await Task.WhenAll(first, second).ConfigureAwait(false);
        return await first.ConfigureAwait(false);
    }

    async Task IEventTarget.InvokeAsync(string functionName, string eventJson, CancellationToken cancellationToken)
    {
        var result = await InvokeAsync(functionName, Encoding.UTF8.GetBytes(eventJson), "EventBridge", null).ConfigureAwait(false);
        if (result.ErrorType is not null)
        {
            throw new InvalidOperationException($"{functionName} failed with {result.ErrorType}");
        }
    }

    private async Task<Result> InvokeOnceAsync(string handler, ReadOnlyMemory<byte> payload, string caller, string? execution)
    {
        var definition = FunctionCatalog.Find(handler) ?? throw new ArgumentException($"No function {handler}.", nameof(handler));
        var requestId = Guid.NewGuid().ToString();
        var startedAt = clock.UtcNow;
        var watch = Stopwatch.StartNew();
        // Lambda's timeout for these functions; the token fires a little earlier, as the bootstrap arranges.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(55));
        var context = new LambdaContext
        {
            RequestId = requestId,
            FunctionName = FunctionArns.Prefix + handler,
            InvokedFunctionArn = FunctionArns.Arn(handler),
            Deadline = DateTimeOffset.UtcNow.AddSeconds(60),
            CancellationToken = timeout.Token,
            Now = () => DateTimeOffset.UtcNow,
            Log = new JsonLog(log, FunctionArns.Prefix + handler, requestId, SecretRedactor.Default),
        };
        try
        {
            var output = await definition.Create(services).HandleAsync(payload, context).ConfigureAwait(false);
            _invocations.Enqueue(new InvocationRecord(handler, caller, execution, startedAt, watch.Elapsed, null));
            return new Result(output.ToArray(), null);
        }
#pragma warning disable CA1031 // A handler's failure is the function's error result, as Lambda reports it.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            var error = RuntimeError.FromException(exception, SecretRedactor.Default);
            _invocations.Enqueue(new InvocationRecord(handler, caller, execution, startedAt, watch.Elapsed, error.ErrorType));
            context.Log.Error("Invocation failed", exception);
            return new Result(ErrorBody(error), error.ErrorType);
        }
    }

    private static byte[] ErrorBody(RuntimeError error)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("errorType", error.ErrorType);
            writer.WriteString("errorMessage", error.ErrorMessage);
            writer.WriteStartArray("stackTrace");
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}

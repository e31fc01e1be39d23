using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Runtime;
using Wso2Serverless.StandIns.Iam;
using Wso2Serverless.StandIns.Http;
using Wso2Serverless.StandIns.Scheduling;
using Wso2Serverless.StandIns.World;

namespace Wso2Serverless.Simulator.Hosting;

/// <summary>
/// Invokes the real handlers the way the Lambda bootstrap does:
/// <c>FunctionCatalog.Find(handler).Create(services).HandleAsync(payload, context)</c>, with a
/// fresh context and a JSON log per invocation. Both the Lambda endpoint (tasks of the state
/// machine) and EventBridge (events of the world) come through here, inside a flow of the
/// scheduler: the clock stands still while a handler runs, so its real duration counts zero.
/// The context's clock is the virtual one; request ids come from the run's seed.
/// </summary>
public sealed class FunctionDispatcher(FunctionServices services, VirtualClock clock, SeededIds ids, TextWriter log) : IEventTarget
{
    private readonly ConcurrentQueue<InvocationRecord> _invocations = new();
    private readonly ConcurrentQueue<string> _payloads = new();
    private readonly Stopwatch _sinceStart = Stopwatch.StartNew();
    private readonly VirtualTimeProvider _time = new(clock.Scheduler);

    /// <summary>
    /// When set, every invocation is delivered twice, as Lambda's at-least-once delivery allows:
    /// the copy is a flow of its own, run at the same virtual instant in the order the seed picks.
    /// </summary>
    public bool DuplicateInvocations { get; init; }

    /// <summary>Runs inside every invocation before its handler, with its name and payload (tests make a function slow with it).</summary>
    public Func<string, ReadOnlyMemory<byte>, Task>? BeforeHandler { get; init; }

    /// <summary>When set, every AWS call an invocation makes is recorded as its function's (#11).</summary>
    public IamCallLog? Calls { get; init; }

    /// <summary>Chaos: the crash planned for an invocation of this handler by this caller, or null; drawn as each invocation starts.</summary>
    public Func<string, string, InvocationCrash?>? CrashPlan { get; init; }

    public IReadOnlyList<InvocationRecord> Invocations => [.. _invocations];

    /// <summary>
    /// Every payload a function got and what it answered, as text: for the state machine's tasks
    /// what an execution history holds (TaskScheduled's parameters, TaskSucceeded's output or
    /// TaskFailed's error), for events the events themselves.
    /// </summary>
    public IReadOnlyList<string> Payloads => [.. _payloads];

    /// <summary>The result of one invocation: the payload, or the Runtime API's error body.</summary>
    public sealed record Result(byte[] Payload, string? ErrorType);

    /// <summary>Invokes a handler; <paramref name="eventId"/> is the EventBridge event it delivers, if any.</summary>
    public async Task<Result> InvokeAsync(string handler, ReadOnlyMemory<byte> payload, string caller, string? execution, string? eventId = null)
    {
        if (DuplicateInvocations)
        {
            // A second delivery of the same request: the handler must make the two one.
            _ = clock.Scheduler.Spawn($"{handler} (duplicate)", () => InvokeOnceAsync(handler, payload, caller + " (duplicate)", execution, eventId));
        }

        return await InvokeOnceAsync(handler, payload, caller, execution, eventId).ConfigureAwait(false);
    }

    /// <summary>
    /// A synchronous invocation (API Gateway's): Lambda does not retry those and API Gateway
    /// does not repeat a request, so it is delivered exactly once even with <see cref="DuplicateInvocations"/>.
    /// </summary>
    public Task<Result> InvokeSynchronouslyAsync(string handler, ReadOnlyMemory<byte> payload, string caller) =>
        InvokeOnceAsync(handler, payload, caller, null, null);

    async Task IEventTarget.InvokeAsync(string functionName, string eventJson, CancellationToken cancellationToken)
    {
        using var envelope = JsonDocument.Parse(eventJson);
        var eventId = envelope.RootElement.TryGetProperty("id", out var id) ? id.GetString() : null;
        var result = await InvokeAsync(functionName, Encoding.UTF8.GetBytes(eventJson), "EventBridge", null, eventId).ConfigureAwait(false);
        if (result.ErrorType is not null)
        {
            throw new InvalidOperationException($"{functionName} failed with {result.ErrorType}");
        }
    }

    private async Task<Result> InvokeOnceAsync(string handler, ReadOnlyMemory<byte> payload, string caller, string? execution, string? eventId)
    {
        var definition = FunctionCatalog.Find(handler) ?? throw new ArgumentException($"No function {handler}.", nameof(handler));
        var requestId = ids.NewGuid().ToString();
        var startedAt = clock.UtcNow;
        var realStart = _sinceStart.Elapsed;
        var watch = Stopwatch.StartNew();
        using var recording = Calls?.As(handler);
        var standIns = StandInTime.Begin();
        // Lambda's 60 s timeout cannot run out: the virtual clock stands still while a handler runs.
        var context = new LambdaContext
        {
            RequestId = requestId,
            FunctionName = FunctionArns.Prefix + handler,
            InvokedFunctionArn = FunctionArns.Arn(handler),
            Deadline = startedAt.AddSeconds(60),
            CancellationToken = CancellationToken.None,
            Now = () => clock.UtcNow,
            Log = new JsonLog(log, FunctionArns.Prefix + handler, requestId, SecretRedactor.Default, _time),
        };
        var crash = CrashPlan?.Invoke(handler, caller);
        InvocationCrash.Current = crash;
        try
        {
            if (BeforeHandler is { } before)
            {
                await before(handler, payload).ConfigureAwait(false);
            }

            var output = await definition.Create(services).HandleAsync(payload, context).ConfigureAwait(false);
            if (crash is { Crashed: true })
            {
                // It died part-way, whatever the code made of it afterwards: Lambda reports a timeout.
                throw new LambdaCrashedException("The invocation died part-way (injected).");
            }

            _payloads.Enqueue(Encoding.UTF8.GetString(payload.Span) + "\n" + Encoding.UTF8.GetString(output.Span));
            _invocations.Enqueue(new InvocationRecord(handler, caller, execution, startedAt, realStart, watch.Elapsed, null, eventId, standIns.Elapsed));
            return new Result(output.ToArray(), null);
        }
#pragma warning disable CA1031 // A handler's failure is the function's error result, as Lambda reports it.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            var error = crash is { Crashed: true }
                ? new RuntimeError(TimedOutError, "Task timed out after 60.00 seconds")
                : RuntimeError.FromException(exception, SecretRedactor.Default);
            _invocations.Enqueue(new InvocationRecord(handler, caller, execution, startedAt, realStart, watch.Elapsed, error.ErrorType, eventId, standIns.Elapsed));
            context.Log.Error("Invocation failed", exception);
            var body = ErrorBody(error);
            _payloads.Enqueue(Encoding.UTF8.GetString(payload.Span) + "\n" + Encoding.UTF8.GetString(body));
            return new Result(body, error.ErrorType);
        }
    }

    /// <summary>The error type Lambda reports for an invocation that ran out of time.</summary>
    public const string TimedOutError = "Sandbox.Timedout";

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

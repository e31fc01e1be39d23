namespace Wso2Serverless.Runtime;

/// <summary>
/// The invocation loop: take the next event, run the handler, post its response or its error,
/// repeat. A failing handler costs one error, never the loop. A Runtime API that stops
/// answering properly ends the loop with an exception: Lambda then replaces the environment.
/// </summary>
public sealed class LambdaBootstrap
{
    public const string TraceIdVariable = "_X_AMZN_TRACE_ID";

    // Lambda's own ceiling; only used when the deadline header is missing or beyond it, which Lambda never sends.
    private static readonly TimeSpan MaximumTimeout = TimeSpan.FromMinutes(15);

    private readonly RuntimeApiClient api;
    private readonly ILambdaHandler handler;
    private readonly string functionName;
    private readonly LambdaHostOptions options;
    private bool coldStart = true;

    public LambdaBootstrap(RuntimeApiClient api, ILambdaHandler handler, string functionName, LambdaHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(options);
        this.api = api;
        this.handler = handler;
        this.functionName = functionName ?? "";
        this.options = options;
    }

    /// <summary>
    /// Serves events until <paramref name="stop"/> fires (then returns) or the Runtime API fails
    /// (then throws). Stopping cancels the wait for the next event and the running handler's
    /// token, never an outcome being posted: an invocation that finished is always reported.
    /// </summary>
    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Invocation invocation;
            try
            {
                invocation = await api.NextAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }

            await InvokeAsync(invocation, stop).ConfigureAwait(false);
        }
    }

    /// <summary>Runs one event through the handler and reports the outcome.</summary>
    public async Task InvokeAsync(Invocation invocation, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var redactor = options.Redactor.CreateScope();
        redactor.Harvest(invocation.Payload.Span);
        options.SetEnvironment(TraceIdVariable, invocation.TraceId);

        var time = options.Time;
        // Only the first event of this execution environment pays the init: Powertools' cold_start.
        var log = new JsonLog(options.Output, functionName, invocation.RequestId, redactor, time) { ColdStart = coldStart, TraceHeader = invocation.TraceId };
        coldStart = false;
        var now = time.GetUtcNow();
        // Lambda never gives more than its 15-minute ceiling; a header beyond it (or none) gets the ceiling.
        var deadline = invocation.Deadline is { } given && given - now <= MaximumTimeout ? given : now + MaximumTimeout;
        using var deadlineSource = CancelBefore(deadline - options.CancellationMargin - now, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadlineSource.Token, stop);
        var context = new LambdaContext
        {
            RequestId = invocation.RequestId,
            FunctionName = functionName,
            Deadline = deadline,
            InvokedFunctionArn = invocation.InvokedFunctionArn,
            TraceId = invocation.TraceId,
            CancellationToken = linked.Token,
            Now = time.GetUtcNow,
            Log = log,
        };

        ReadOnlyMemory<byte> response;
        try
        {
            response = await handler.HandleAsync(invocation.Payload, context).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            var error = RuntimeError.FromException(exception, redactor);
            log.Error("The function failed.", exception, ("errorType", error.ErrorType), ("remainingMs", (long)context.RemainingTime.TotalMilliseconds));
            await PostErrorAsync(invocation.RequestId, error, log).ConfigureAwait(false);
            return;
        }

        try
        {
            await api.PostResponseAsync(invocation.RequestId, response, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RuntimeApiException exception) when (IsClientError(exception))
        {
            // Too large or malformed: the caller should get an error that says so, not a silent timeout.
            log.Error("The Runtime API refused the response.", exception, ("responseBytes", response.Length));
            var error = new RuntimeError(ErrorTypes.ResponseRejected, redactor.RedactText($"The Runtime API refused the {response.Length}-byte response: {exception.Message}"));
            await PostErrorAsync(invocation.RequestId, error, log).ConfigureAwait(false);
        }
    }

    private async Task PostErrorAsync(string requestId, RuntimeError error, JsonLog log)
    {
        try
        {
            await api.PostErrorAsync(requestId, error, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RuntimeApiException exception) when (IsClientError(exception))
        {
            // The invocation is over as far as Lambda is concerned; the next one still deserves serving.
            log.Error("The Runtime API refused the error report.", exception);
        }
    }

    private static CancellationTokenSource CancelBefore(TimeSpan delay, TimeProvider time)
    {
        if (delay > TimeSpan.Zero)
        {
            return new CancellationTokenSource(delay, time);
        }

        var source = new CancellationTokenSource();
        source.Cancel();
        return source;
    }

    private static bool IsClientError(RuntimeApiException exception) =>
        exception.StatusCode is { } status && (int)status is >= 400 and < 500;
}

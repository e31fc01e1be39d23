namespace Wso2Serverless.Runtime;

/// <summary>
/// The bootstrap's whole life: pick the function named by <c>_HANDLER</c>, build it, serve
/// events. Anything that goes wrong before the first event is posted as an init error, so the
/// caller sees a reason instead of a timeout, and the process exits non-zero.
/// </summary>
public static class LambdaHost
{
    public const int ExitStopped = 0;
    public const int ExitInitFailed = 1;
    public const int ExitRuntimeApiFailed = 2;
    public const int ExitNotInLambda = 3;

    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";
    public const string FunctionNameVariable = "AWS_LAMBDA_FUNCTION_NAME";

    /// <param name="handlerName">The value of <c>_HANDLER</c>.</param>
    /// <param name="resolve">Builds the named function; null when no function has that name.</param>
    /// <param name="options">Seams for tests; null for the real process.</param>
    /// <param name="stop">Ends the loop between events (tests).</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(string? handlerName, Func<string, ILambdaHandler?> resolve, LambdaHostOptions? options = null, CancellationToken stop = default)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        options ??= new LambdaHostOptions();
        var functionName = options.GetEnvironment(FunctionNameVariable) is { Length: > 0 } name ? name : handlerName ?? "";
        var log = new JsonLog(options.Output, functionName, null, options.Redactor, options.Time) { ColdStart = true };

        HttpClient? owned = null;
        var http = options.Http;
        if (http is null)
        {
            if (options.GetEnvironment(RuntimeApiVariable) is not { Length: > 0 } runtimeApi)
            {
                log.Error($"{RuntimeApiVariable} is not set: this executable runs as a Lambda custom runtime.");
                return ExitNotInLambda;
            }

            // No timeout: the next-invocation request waits as long as the environment is idle.
            owned = http = new HttpClient { BaseAddress = RuntimeApiClient.BaseAddressFor(runtimeApi), Timeout = Timeout.InfiniteTimeSpan };
        }

        try
        {
            var api = new RuntimeApiClient(http);
            var handler = await InitializeAsync(handlerName, resolve, api, log, options.Redactor).ConfigureAwait(false);
            if (handler is null)
            {
                return ExitInitFailed;
            }

            try
            {
                await new LambdaBootstrap(api, handler, functionName, options).RunAsync(stop).ConfigureAwait(false);
                return ExitStopped;
            }
            catch (Exception exception) when (exception is RuntimeApiException or HttpRequestException)
            {
                log.Error("The Runtime API failed; leaving so that Lambda starts a fresh environment.", exception);
                return ExitRuntimeApiFailed;
            }
        }
        finally
        {
            owned?.Dispose();
        }
    }

    private static async Task<ILambdaHandler?> InitializeAsync(
        string? handlerName, Func<string, ILambdaHandler?> resolve, RuntimeApiClient api, JsonLog log, SecretRedactor redactor)
    {
        RuntimeError error;
        Exception? cause = null;
        if (string.IsNullOrWhiteSpace(handlerName))
        {
            error = new RuntimeError(ErrorTypes.NoSuchHandler, "_HANDLER is not set: it names the function this bootstrap serves.");
        }
        else
        {
            try
            {
                if (resolve(handlerName) is { } handler)
                {
                    return handler;
                }

                error = new RuntimeError(ErrorTypes.NoSuchHandler, redactor.RedactText($"No function is named '{handlerName}' (the _HANDLER value)."));
            }
            catch (Exception exception)
            {
                cause = exception;
                error = new RuntimeError(
                    ErrorTypes.InitFailed,
                    redactor.RedactText($"Building function '{handlerName}' failed: {ErrorTypes.Of(exception)}: {exception.Message}"),
                    RuntimeError.FromException(exception, redactor).StackTrace);
            }
        }

        log.Error(error.ErrorMessage, cause, ("errorType", error.ErrorType));
        try
        {
            await api.PostInitErrorAsync(error, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RuntimeApiException or HttpRequestException)
        {
            log.Error("Posting the init error failed.", exception);
        }

        return null;
    }
}

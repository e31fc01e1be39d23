namespace Wso2Serverless.Runtime;

/// <summary>
/// The <c>errorType</c> values the runtime reports. Lambda accepts any string; these follow the
/// <c>Category.Reason</c> shape of the Runtime API documentation. Handlers choose their own
/// (Step Functions Catch names) through <see cref="FunctionException"/>.
/// </summary>
public static class ErrorTypes
{
    /// <summary>Init error: <c>_HANDLER</c> is missing or names no function.</summary>
    public const string NoSuchHandler = "Runtime.NoSuchHandler";

    /// <summary>Init error: building the function failed (configuration, composition).</summary>
    public const string InitFailed = "Runtime.InitFailed";

    /// <summary>The payload is not the JSON the function expects.</summary>
    public const string InvalidInput = "Runtime.InvalidInput";

    /// <summary>The Runtime API refused the response (too large, malformed).</summary>
    public const string ResponseRejected = "Runtime.ResponseRejected";

    /// <summary>
    /// Key of <see cref="Exception.Data"/> that carries an error type, for code that cannot
    /// reference this assembly (the domain) but still wants a Catch-able name.
    /// </summary>
    public const string DataKey = "Lambda.ErrorType";

    /// <summary>
    /// The error type of an exception: its own when it carries one, otherwise the exception
    /// class name (what other Lambda runtimes report, so Catch on e.g. "TimeoutException" works).
    /// </summary>
    public static string Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            FunctionException f => f.ErrorType,
            _ when exception.Data[DataKey] is string { Length: > 0 } carried => carried,
            _ => exception.GetType().Name,
        };
    }
}

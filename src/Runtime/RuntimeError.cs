using System.Text.Json.Serialization;

namespace Wso2Serverless.Runtime;

/// <summary>
/// The body the Runtime API takes for invocation and init errors. Step Functions matches its
/// Catch clauses on <see cref="ErrorType"/> and shows <see cref="ErrorMessage"/> as the cause,
/// so both are redacted before they leave the process.
/// </summary>
public sealed record RuntimeError(
    [property: JsonPropertyName("errorType")] string ErrorType,
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("stackTrace"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? StackTrace = null)
{
    // Step Functions keeps at most 32 KiB of cause; a short, complete message beats a cut one.
    internal const int MaxMessageLength = 4096;
    internal const int MaxStackLines = 40;

    /// <summary>
    /// The error a failed handler reports. The type is the exception's error type (see
    /// <see cref="FunctionException"/>); the message and stack trace pass through the redactor.
    /// </summary>
    public static RuntimeError FromException(Exception exception, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(redactor);
        var message = redactor.RedactText(exception.Message);
        if (message.Length > MaxMessageLength)
        {
            message = string.Concat(message.AsSpan(0, MaxMessageLength), "…");
        }

        var stack = exception.StackTrace is { Length: > 0 } trace
            ? trace.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Take(MaxStackLines)
                .Select(redactor.RedactText)
                .ToArray()
            : null;
        return new RuntimeError(ErrorTypes.Of(exception), message, stack);
    }
}

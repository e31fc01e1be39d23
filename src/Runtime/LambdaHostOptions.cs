namespace Wso2Serverless.Runtime;

/// <summary>
/// Everything the runtime takes from the process, as seams: the tests run the real loop against
/// a fake Runtime API with their own environment, clock and output.
/// </summary>
public sealed class LambdaHostOptions
{
    /// <summary>How long before the deadline the invocation's cancellation token fires by default.</summary>
    public static readonly TimeSpan DefaultCancellationMargin = TimeSpan.FromMilliseconds(500);

    /// <summary>Reads an environment variable (AWS_LAMBDA_RUNTIME_API, AWS_LAMBDA_FUNCTION_NAME).</summary>
    public Func<string, string?> GetEnvironment { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Sets an environment variable; the runtime publishes each event's trace id as <c>_X_AMZN_TRACE_ID</c>.</summary>
    public Action<string, string?> SetEnvironment { get; init; } = Environment.SetEnvironmentVariable;

    /// <summary>Where log lines go. Lambda sends stdout to CloudWatch Logs.</summary>
    public TextWriter Output { get; init; } = Console.Out;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The invocation's token fires this long before the deadline, so that a handler can still
    /// record what it was doing (and the runtime can still post the error) before Lambda kills it.
    /// </summary>
    public TimeSpan CancellationMargin { get; init; } = DefaultCancellationMargin;

    /// <summary>
    /// A client for the Runtime API whose base address is the versioned root; when null, one is
    /// made from <c>AWS_LAMBDA_RUNTIME_API</c>. The host does not dispose a client it was given.
    /// </summary>
    public HttpClient? Http { get; init; }

    /// <summary>The redactor each invocation's scope derives from.</summary>
    public SecretRedactor Redactor { get; init; } = SecretRedactor.Default;
}

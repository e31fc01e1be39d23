namespace Wso2Serverless.Aws.Http;

/// <summary>
/// How hard a client tries: bounded attempts with exponential backoff and full jitter (each wait
/// is uniform in [0, min(cap, base·2^n)]), which spreads a burst of throttled Lambdas apart.
/// </summary>
public sealed record RetryOptions
{
    public int MaxAttempts { get; init; } = 5;
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How a wait happens; tests record it instead of sleeping.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    /// <summary>A number in [0, 1); tests fix it to make the delays exact.</summary>
    public Func<double> Jitter { get; init; } = Random.Shared.NextDouble;

    public static RetryOptions Default { get; } = new();

    /// <summary>
    /// One attempt: for a call that is not idempotent (SSM SendCommand), where after a lost answer
    /// only a lookup can tell whether it went out.
    /// </summary>
    public static RetryOptions NoRetry { get; } = new() { MaxAttempts = 1 };

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayFor(int attempt)
    {
        var exponent = Math.Min(attempt - 1, 30);
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(ceiling * Jitter());
    }
}

namespace Wso2Serverless.Cli;

/// <summary>
/// What wso2ctl's exit status means, for CI. A waiting command (<c>deploy --wait</c>, <c>watch</c>,
/// <c>teardown --wait</c>) exits with the run's outcome; the others with whether they did what was asked.
/// </summary>
public static class ExitCodes
{
    public const int Succeeded = 0;
    /// <summary>The run failed, was rejected or timed out in the workflow.</summary>
    public const int Failed = 1;
    /// <summary>Bad arguments or options, an unreadable request file, or a request the API refused as invalid (400, 413, 415).</summary>
    public const int Usage = 2;
    /// <summary>The run was cancelled through the API or aborted by someone else.</summary>
    public const int Cancelled = 3;
    /// <summary>The API refused for the state of things: no such deployment or environment (404), busy or already finished (409).</summary>
    public const int Refused = 4;
    /// <summary>The API could not be reached or would not let us in: network, credentials, 403, stack lookup, 5xx.</summary>
    public const int Unavailable = 5;
    /// <summary>Gave up waiting (<c>--timeout</c>); the run goes on.</summary>
    public const int WaitTimedOut = 6;
    /// <summary>Interrupted (Ctrl-C); the run goes on.</summary>
    public const int Interrupted = 130;

    /// <summary>The text <c>--help</c> shows, one code a line.</summary>
    public static IReadOnlyList<(int Code, string Meaning)> Described { get; } =
    [
        (Succeeded, "succeeded (a waited-for run ended Succeeded or TornDown)"),
        (Failed, "the run failed (Failed, Rejected, TimedOut)"),
        (Usage, "usage error: bad arguments, unreadable request file, or the API found the request invalid"),
        (Cancelled, "the run was cancelled or aborted"),
        (Refused, "refused: no such deployment or environment, environment busy, or run already finished"),
        (Unavailable, "API unreachable, no credentials, signature refused (403), stack lookup failed, or a server error"),
        (WaitTimedOut, "gave up waiting (--timeout); the run goes on"),
        (Interrupted, "interrupted (Ctrl-C); the run goes on"),
    ];
}

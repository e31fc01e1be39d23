namespace Wso2Serverless.StandIns.Http;

/// <summary>
/// A Lambda invocation that dies part-way (a timeout, the process killed): it gets through
/// <see cref="CallsBeforeCrash"/> AWS calls, and the next one, and every one after it, never
/// happens. What it wrote so far stays written; Lambda reports the invocation as failed and its
/// caller (the state's Retry, EventBridge's async retries) invokes it again.
/// <see cref="Current"/> is the invocation the calling code runs in (the dispatcher sets it);
/// every stand-in an invocation calls counts the call with <see cref="OnCall"/>.
/// </summary>
public sealed class InvocationCrash(int callsBeforeCrash)
{
    private static readonly AsyncLocal<InvocationCrash?> Ambient = new();
    private int _calls;
    private int _crashed;

    /// <summary>The crash planned for the invocation this code runs in; null when none.</summary>
    public static InvocationCrash? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    public int CallsBeforeCrash { get; } = callsBeforeCrash;

    /// <summary>Whether the invocation reached its crash: nothing it did afterwards counts.</summary>
    public bool Crashed => Volatile.Read(ref _crashed) == 1;

    /// <summary>Counts one AWS call; throws <see cref="LambdaCrashedException"/> instead when the invocation has died.</summary>
    public void OnCall(string what)
    {
        if (Crashed || Interlocked.Increment(ref _calls) > CallsBeforeCrash)
        {
            Interlocked.Exchange(ref _crashed, 1);
            throw new LambdaCrashedException($"The invocation died before {what} (injected after {CallsBeforeCrash} AWS call(s)).");
        }
    }

    /// <summary>Counts a call of the ambient invocation, if it has a planned crash.</summary>
    public static void Count(string what) => Current?.OnCall(what);
}

/// <summary>Thrown where an injected crash stops an invocation; an OperationCanceledException so that no handler's catch-all takes it for an AWS error.</summary>
public sealed class LambdaCrashedException : OperationCanceledException
{
    public LambdaCrashedException()
    {
    }

    public LambdaCrashedException(string message)
        : base(message)
    {
    }

    public LambdaCrashedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

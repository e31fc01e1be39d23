using System.Collections.Concurrent;

namespace Wso2Serverless.Functions.Tests.Fakes;

/// <summary>
/// Faults a test schedules on a fake's operations ("throttle the next CreateStack once"), and a
/// count of every call, so a test can assert both the failure and that the retry happened.
/// Operation names are the port method names without "Async" (CreateStack, SendCommand, PutPhase...).
/// </summary>
public sealed class FaultPlan
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<Exception>>> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    /// <summary>The next <paramref name="times"/> calls of the operation fail with a throttling error.</summary>
    public FaultPlan Throttle(string operation, int times = 1) =>
        Fail(operation, () => FakeAwsException.Throttling(operation), times);

    /// <summary>The next <paramref name="times"/> calls of the operation throw what <paramref name="fault"/> makes.</summary>
    public FaultPlan Fail(string operation, Func<Exception> fault, int times = 1)
    {
        var queue = _pending.GetOrAdd(operation, _ => new ConcurrentQueue<Func<Exception>>());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue(fault);
        }

        return this;
    }

    /// <summary>How many times the operation was called, failed calls included.</summary>
    public int Calls(string operation) => _calls.TryGetValue(operation, out var n) ? n : 0;

    /// <summary>Every call of every operation of this fake: what a round-trip count adds up.</summary>
    public int TotalCalls => _calls.Values.Sum();

    /// <summary>Calls per operation, for a test's failure message.</summary>
    public IReadOnlyDictionary<string, int> CallsByOperation => new Dictionary<string, int>(_calls, StringComparer.Ordinal);

    /// <summary>Called by the fakes at the start of every operation.</summary>
    internal void Enter(string operation)
    {
        _calls.AddOrUpdate(operation, 1, static (_, n) => n + 1);
        if (_pending.TryGetValue(operation, out var queue) && queue.TryDequeue(out var fault))
        {
            throw fault();
        }
    }
}

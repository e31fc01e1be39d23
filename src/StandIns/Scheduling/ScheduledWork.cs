namespace Wso2Serverless.StandIns.Scheduling;

/// <summary>A flow: one sequence of work (a stack creating, a delivery, an invocation) that runs, parks and resumes.</summary>
internal sealed class Flow(string name)
{
    public string Name { get; } = name;

    /// <summary>Waiting on the clock or on other flows; guarded by the scheduler's lock.</summary>
    public bool Parked { get; set; }
}

/// <summary>
/// Work that may run now; the scheduler picks one at a time, by seed, from the canonical order.
/// A flow parked on a request is ready from the moment it parks: once picked, the scheduler
/// waits for <see cref="WaitFor"/> (the request) and then resumes it.
/// </summary>
internal sealed record ReadyItem(WorkOrigin Origin, long Sequence, string Name, Action Run, Task? WaitFor = null);

/// <summary>Work due at an instant; simultaneous timers are picked by seed from the canonical order.</summary>
internal sealed record TimerEntry(DateTimeOffset At, WorkOrigin Origin, long Sequence, string Name, Action Fire);

/// <summary>Canonical orders: origin, then sequence (timers: time first).</summary>
internal sealed class WorkOrder : IComparer<ReadyItem>, IComparer<TimerEntry>
{
    public static WorkOrder Instance { get; } = new();

    public int Compare(ReadyItem? x, ReadyItem? y) =>
        x is null || y is null ? Comparer<object>.Default.Compare(x, y)
        : x.Origin != y.Origin ? x.Origin.CompareTo(y.Origin) : x.Sequence.CompareTo(y.Sequence);

    public int Compare(TimerEntry? x, TimerEntry? y) =>
        x is null || y is null ? Comparer<object>.Default.Compare(x, y)
        : x.At != y.At ? x.At.CompareTo(y.At)
        : x.Origin != y.Origin ? x.Origin.CompareTo(y.Origin) : x.Sequence.CompareTo(y.Sequence);
}

using System.Diagnostics;
using System.Globalization;

namespace Wso2Serverless.StandIns.Scheduling;

/// <summary>
/// One virtual clock and one deterministic schedule for a whole simulated run. Work runs one
/// piece at a time: a flow runs until it parks (on the clock, on other flows, or on a request it
/// sent) or ends, and the next piece is chosen only when no flow runs and no source that can
/// still add work (the ASL runner) has anything pending. A flow parked on a request is ready at
/// once, whether or not the answer has come: if it is chosen, the scheduler waits for the answer;
/// meanwhile requests of flows that ran before keep moto busy. When nothing is ready and nothing
/// is in flight at all, the clock jumps to the earliest timer. Which ready piece runs, and which
/// of several simultaneous timers fires, is drawn from the seed over a canonical order, so one
/// seed gives one schedule.
/// </summary>
public sealed partial class Scheduler
{
    private readonly object _lock = new();
    private readonly SchedulerOptions _options;
    private readonly Random _choices;
    private readonly List<ReadyItem> _ready = [];
    private readonly SortedSet<TimerEntry> _timers = new(WorkOrder.Instance);
    private readonly Dictionary<(WorkOrigin, long), TimerEntry> _keyedTimers = [];
    private readonly HashSet<Flow> _running = [];
    private readonly List<(IQuiescenceSource Source, QuiescenceScope Scope)> _sources = [];
    private readonly List<AdvanceRecord> _advances = [];
    private readonly List<Exception> _faults = [];
    private readonly object _signalLock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;
    private long _nowTicks;
    private long _sequence;
    private long _steps;
    private bool _started;

    public Scheduler(SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _choices = new Random(SeedStreams.Derive(options.Seed, SeedStreams.Schedule));
        _nowTicks = WholeMilliseconds(options.Origin).UtcTicks;
    }

    public SchedulerOptions Options => _options;

    /// <summary>The virtual now; it moves only between pieces of work.</summary>
    public DateTimeOffset Now => new(Volatile.Read(ref _nowTicks), TimeSpan.Zero);

    /// <summary>Every move of the clock, with what was under way at that moment.</summary>
    public IReadOnlyList<AdvanceRecord> Advances
    {
        get
        {
            lock (_lock)
            {
                return [.. _advances];
            }
        }
    }

    /// <summary>Pieces of work run and timers fired so far.</summary>
    public long Steps => Interlocked.Read(ref _steps);

    /// <summary>Adds work the scheduler must wait for: before every choice, or only before the clock moves.</summary>
    public void AddSource(IQuiescenceSource source, QuiescenceScope scope)
    {
        ArgumentNullException.ThrowIfNull(source);
        lock (_lock)
        {
            _sources.Add((source, scope));
        }
    }

    /// <summary>Something may have finished: the scheduler looks again. Cheap; call it freely.</summary>
    public void Signal()
    {
        TaskCompletionSource changed;
        lock (_signalLock)
        {
            _version++;
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>
    /// Runs work and moves the clock until <paramref name="finished"/> holds and the world has
    /// nothing left to do (timers of the runner alone do not keep it going once finished).
    /// Throws <see cref="SimulationStalledException"/> when nothing is left before that (unless
    /// <see cref="SchedulerOptions.WaitForExternalWork"/>: then it waits for a post), when work
    /// makes no progress for <see cref="SchedulerOptions.StallTimeout"/>, or past the horizon.
    /// </summary>
    public async Task RunAsync(Func<bool> finished, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finished);
        lock (_lock)
        {
            _started = true;
        }

        var realStart = Stopwatch.StartNew();
        var virtualStart = Now;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await WaitUntilQuietAsync(QuiescenceScope.EveryChoice, cancellationToken).ConfigureAwait(false);
            ThrowOnFault();
            if (TakeReady() is { } item)
            {
                if (item.WaitFor is { IsCompleted: false } answer)
                {
                    await WaitForAnswerAsync(answer, item.Name, cancellationToken).ConfigureAwait(false);
                }

                Interlocked.Increment(ref _steps);
                item.Run();
                continue;
            }

            await WaitUntilQuietAsync(QuiescenceScope.Clock, cancellationToken).ConfigureAwait(false);
            if (HasReady())
            {
                continue;
            }

            var next = NextTimer(out var worldTimers);
            if (finished() && !worldTimers)
            {
                return;
            }

            if (next is null && _options.WaitForExternalWork)
            {
                await WaitForExternalWorkAsync(cancellationToken).ConfigureAwait(false);
                // Time spent idle is nobody's: the pace counts from the work that ends it.
                realStart.Restart();
                virtualStart = Now;
                continue;
            }

            if (next is null)
            {
                throw new SimulationStalledException($"Nothing is left to run at {Now:O}, but the run has not finished. {Describe()}");
            }

            var at = next.At;
            if (at > Now)
            {
                if (at - _options.Origin > _options.Horizon)
                {
                    throw new SimulationStalledException($"The clock would pass its horizon ({_options.Horizon.TotalDays:0} days after the start) for {next.Name}. {Describe()}");
                }

                if (_options.Pace is { } pace && !await PaceAsync(at - virtualStart, pace, realStart, cancellationToken).ConfigureAwait(false))
                {
                    continue; // woken by new work before the paced instant: look again
                }

                Advance(at);
            }

            if (TakeTimerAt(at) is { } timer)
            {
                Interlocked.Increment(ref _steps);
                timer.Fire();
            }
        }
    }

    /// <summary>Every flow running, each source's pending work, and how much is ready and waiting.</summary>
    public string Describe()
    {
        lock (_lock)
        {
            var running = string.Join(", ", _running.Select(f => f.Name).Order(StringComparer.Ordinal));
            var pending = string.Join(", ", _sources.Select(s => $"{s.Source.Name} {s.Source.Pending}"));
            return string.Create(CultureInfo.InvariantCulture,
                $"Now {Now:O}; running: [{running}]; pending: [{pending}]; ready: {_ready.Count}; timers: {_timers.Count}.");
        }
    }

    private bool IsQuiet(QuiescenceScope scope)
    {
        lock (_lock)
        {
            return _running.Count == 0 && _sources.TrueForAll(s => (s.Scope == QuiescenceScope.Clock && scope == QuiescenceScope.EveryChoice) || s.Source.Pending == 0);
        }
    }

    private bool HasReady()
    {
        lock (_lock)
        {
            return _ready.Count > 0;
        }
    }

    private async Task WaitForAnswerAsync(Task answer, string name, CancellationToken cancellationToken)
    {
        try
        {
            await answer.WaitAsync(_options.StallTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new SimulationStalledException($"No answer to {name} for {_options.StallTimeout.TotalSeconds:0} s of real time. {Describe()}", e);
        }
        catch (Exception) when (answer.IsCompleted)
        {
            // A failed request: the flow sees its error when it resumes.
        }
    }

    private async Task WaitUntilQuietAsync(QuiescenceScope scope, CancellationToken cancellationToken)
    {
        while (true)
        {
            var version = CurrentVersion();
            if (IsQuiet(scope))
            {
                return;
            }

            try
            {
                await ChangedSince(version).WaitAsync(_options.StallTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException e)
            {
                throw new SimulationStalledException($"No progress for {_options.StallTimeout.TotalSeconds:0} s of real time. {Describe()}", e);
            }
        }
    }

    /// <summary>Waits, as long as it takes, until something is posted, a timer is set or work is under way.</summary>
    private async Task WaitForExternalWorkAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var version = CurrentVersion();
            bool idle;
            lock (_lock)
            {
                idle = _ready.Count == 0 && _timers.Count == 0;
            }

            if (!idle || !IsQuiet(QuiescenceScope.EveryChoice))
            {
                return;
            }

            await ChangedSince(version).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits in real time until <paramref name="elapsed"/> of virtual time is due at the pace; false when new work came first.</summary>
    private async Task<bool> PaceAsync(TimeSpan elapsed, double pace, Stopwatch realStart, CancellationToken cancellationToken)
    {
        var wait = (elapsed / pace) - realStart.Elapsed;
        if (wait <= TimeSpan.Zero)
        {
            return true;
        }

        var version = CurrentVersion();
        try
        {
            await ChangedSince(version).WaitAsync(wait, cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (TimeoutException)
        {
            return true;
        }
    }

    private long CurrentVersion()
    {
        lock (_signalLock)
        {
            return _version;
        }
    }

    private Task ChangedSince(long version)
    {
        lock (_signalLock)
        {
            return _version != version ? Task.CompletedTask : _changed.Task;
        }
    }

    private void Advance(DateTimeOffset to)
    {
        lock (_lock)
        {
            var pending = _sources.ToDictionary(s => s.Source.Name, s => s.Source.Pending, StringComparer.Ordinal);
            _advances.Add(new AdvanceRecord(Now, to, _running.Count, _ready.Count, pending));
            Volatile.Write(ref _nowTicks, to.UtcTicks);
        }
    }

    private ReadyItem? TakeReady()
    {
        lock (_lock)
        {
            if (_ready.Count == 0)
            {
                return null;
            }

            _ready.Sort(WorkOrder.Instance);
            var index = _ready.Count == 1 ? 0 : _choices.Next(_ready.Count);
            var item = _ready[index];
            _ready.RemoveAt(index);
            return item;
        }
    }

    private TimerEntry? NextTimer(out bool worldTimers)
    {
        lock (_lock)
        {
            worldTimers = _timers.Any(t => t.Origin == WorkOrigin.Simulation);
            return _timers.Count == 0 ? null : _timers.Min;
        }
    }

    private TimerEntry? TakeTimerAt(DateTimeOffset at)
    {
        lock (_lock)
        {
            var due = _timers.TakeWhile(t => t.At <= at).ToList();
            if (due.Count == 0)
            {
                return null;
            }

            var chosen = due.Count == 1 ? due[0] : due[_choices.Next(due.Count)];
            _timers.Remove(chosen);
            _keyedTimers.Remove((chosen.Origin, chosen.Sequence));
            return chosen;
        }
    }

    private void ThrowOnFault()
    {
        lock (_lock)
        {
            if (_faults.Count > 0)
            {
                throw new SimulationStalledException($"A flow of the run failed: {_faults[0].Message}", _faults[0]);
            }
        }
    }

    private static DateTimeOffset WholeMilliseconds(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        var remainder = ticks % TimeSpan.TicksPerMillisecond;
        return new DateTimeOffset(remainder == 0 ? ticks : ticks - remainder + TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
    }
}

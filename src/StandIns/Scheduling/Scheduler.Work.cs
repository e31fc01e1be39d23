namespace Wso2Serverless.StandIns.Scheduling;

/// <summary>How work enters the schedule: flows, their waits (clock, other flows, requests), and timers kept by the ASL runner.</summary>
public sealed partial class Scheduler
{
    private static readonly AsyncLocal<Flow?> CurrentFlow = new();

    /// <summary>
    /// Starts a flow when the scheduler picks it. Call it from inside a flow or before
    /// <see cref="RunAsync"/>, where the order of calls is itself deterministic. The task it
    /// returns ends with the flow; a flow waits for others only through <see cref="WhenAllAsync"/>
    /// (awaiting the task directly would keep the flow running and hold the clock).
    /// </summary>
    public Task Spawn(string name, Func<Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var flow = new Flow(name);
        var done = new TaskCompletionSource();
        lock (_lock)
        {
            if (_started && CurrentFlow.Value is null)
            {
                throw new InvalidOperationException($"Spawn({name}) outside a flow while the run is going: use Post with an origin and sequence of its own.");
            }

            _ready.Add(new ReadyItem(WorkOrigin.Simulation, _sequence++, name, () => Start(flow, body, done)));
        }

        Signal();
        return done.Task;
    }

    /// <summary>
    /// Work arriving from outside the scheduler's flows (the ASL runner's requests and reports,
    /// requests from a person), from any thread. <paramref name="sequence"/> orders it canonically
    /// within its origin; the runner numbers its own output, so its order is deterministic too.
    /// </summary>
    public void Post(WorkOrigin origin, long sequence, string name, Func<Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (origin == WorkOrigin.Simulation)
        {
            throw new ArgumentException("The simulation's own work is started with Spawn.", nameof(origin));
        }

        var flow = new Flow(name);
        lock (_lock)
        {
            _ready.Add(new ReadyItem(origin, sequence, name, () => Start(flow, body, new TaskCompletionSource())));
        }

        Signal();
    }

    /// <summary>Parks the calling flow for a virtual duration; zero or less goes on at once.</summary>
    public Task DelayAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        if (duration <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var flow = CurrentFlowOrThrow("DelayAsync");
        var wake = new TaskCompletionSource();
        TimerEntry entry;
        lock (_lock)
        {
            ThrowIfParked(flow);
            entry = new TimerEntry(WholeMilliseconds(Now + duration), WorkOrigin.Simulation, _sequence++, flow.Name, () => Resume(flow, () => wake.TrySetResult()));
            _timers.Add(entry);
            Park(flow);
        }

        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() =>
            {
                bool removed;
                lock (_lock)
                {
                    removed = _timers.Remove(entry);
                }

                if (removed)
                {
                    Resume(flow, () => wake.TrySetCanceled(cancellationToken));
                }
            });
            _ = wake.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        Signal();
        return wake.Task;
    }

    /// <summary>Parks the calling flow until every task (flows it spawned) has ended.</summary>
    public Task WhenAllAsync(IReadOnlyCollection<Task> tasks)
    {
        var all = Task.WhenAll(tasks);
        if (all.IsCompleted)
        {
            return all;
        }

        var flow = CurrentFlowOrThrow("WhenAllAsync");
        var wake = new TaskCompletionSource();
        long sequence;
        lock (_lock)
        {
            ThrowIfParked(flow);
            sequence = _sequence++;
            Park(flow);
        }

        Signal();
        _ = all.ContinueWith(
            t =>
            {
                lock (_lock)
                {
                    _ready.Add(new ReadyItem(WorkOrigin.Simulation, sequence, flow.Name + " (joined)", () => Resume(flow, () => Complete(wake, t))));
                }

                Signal();
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return wake.Task;
    }

    /// <summary>
    /// Parks the calling flow on a request it has sent (<paramref name="answer"/>) and makes it
    /// ready at once: the scheduler may run other work while the request is in flight, and when
    /// it picks this flow it waits for the answer and resumes the flow with it. Outside a flow
    /// (setting a run up, reading its results) the answer is returned as it is.
    /// </summary>
    public Task<T> AwaitRequest<T>(Task<T> answer, string what)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var flow = CurrentFlow.Value;
        if (flow is null)
        {
            return answer;
        }

        var wake = new TaskCompletionSource<T>();
        lock (_lock)
        {
            ThrowIfParked(flow);
            _ready.Add(new ReadyItem(WorkOrigin.Simulation, _sequence++, $"{flow.Name} ({what})", () => Resume(flow, () => Complete(wake, answer)), answer));
            Park(flow);
        }

        Signal();
        return wake.Task;
    }

    /// <summary>Sets or moves a timer kept elsewhere (the runner's); it fires through <paramref name="fire"/>.</summary>
    public void SetTimer(WorkOrigin origin, long id, DateTimeOffset at, string name, Action fire)
    {
        lock (_lock)
        {
            if (_keyedTimers.Remove((origin, id), out var old))
            {
                _timers.Remove(old);
            }

            var entry = new TimerEntry(at < Now ? Now : at, origin, id, name, fire);
            _keyedTimers[(origin, id)] = entry;
            _timers.Add(entry);
        }

        Signal();
    }

    /// <summary>Forgets a timer kept elsewhere (cleared before it fired).</summary>
    public void ClearTimer(WorkOrigin origin, long id)
    {
        lock (_lock)
        {
            if (_keyedTimers.Remove((origin, id), out var entry))
            {
                _timers.Remove(entry);
            }
        }
    }

    private void Start(Flow flow, Func<Task> body, TaskCompletionSource done)
    {
        lock (_lock)
        {
            _running.Add(flow);
        }

        var task = RunInFlowAsync(flow, body);
        _ = task.ContinueWith(t => Finish(flow, t, done), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static async Task RunInFlowAsync(Flow flow, Func<Task> body)
    {
        CurrentFlow.Value = flow;
        await body().ConfigureAwait(false);
    }

    private void Finish(Flow flow, Task task, TaskCompletionSource done)
    {
        if (task.Exception is { } failure && failure.InnerExceptions.Any(e => e is not OperationCanceledException))
        {
            lock (_lock)
            {
                _faults.Add(failure.GetBaseException());
            }
        }

        // Joiners are queued before the flow counts as ended, so the run is never quiet in between.
        if (task.IsFaulted)
        {
            done.TrySetException(task.Exception!.InnerExceptions);
        }
        else if (task.IsCanceled)
        {
            done.TrySetCanceled();
        }
        else
        {
            done.TrySetResult();
        }

        lock (_lock)
        {
            _running.Remove(flow);
        }

        Signal();
    }

    private void Park(Flow flow)
    {
        flow.Parked = true;
        _running.Remove(flow);
    }

    /// <summary>Counts the flow as running again, then wakes it: its continuation runs here, inside this step, until it parks or ends.</summary>
    private void Resume(Flow flow, Action wake)
    {
        lock (_lock)
        {
            flow.Parked = false;
            _running.Add(flow);
        }

        wake();
    }

    private static void Complete(TaskCompletionSource wake, Task outcome)
    {
        if (outcome.IsFaulted)
        {
            wake.TrySetException(outcome.Exception!.InnerExceptions);
        }
        else if (outcome.IsCanceled)
        {
            wake.TrySetCanceled();
        }
        else
        {
            wake.TrySetResult();
        }
    }

    private static void Complete<T>(TaskCompletionSource<T> wake, Task<T> outcome)
    {
        if (outcome.IsFaulted)
        {
            wake.TrySetException(outcome.Exception!.InnerExceptions);
        }
        else if (outcome.IsCanceled)
        {
            wake.TrySetCanceled();
        }
        else
        {
            wake.TrySetResult(outcome.Result);
        }
    }

    private static Flow CurrentFlowOrThrow(string operation) =>
        CurrentFlow.Value ?? throw new InvalidOperationException($"{operation} parks a flow: call it from work started with Spawn or Post.");

    private static void ThrowIfParked(Flow flow)
    {
        if (flow.Parked)
        {
            throw new InvalidOperationException($"Flow {flow.Name} waits twice at once: start concurrent work with Spawn and join it with WhenAllAsync.");
        }
    }
}

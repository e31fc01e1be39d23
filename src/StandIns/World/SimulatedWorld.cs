using System.Collections.Concurrent;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.StandIns.World;

/// <summary>
/// The AWS account the orchestrator deploys into, simulated: CloudFormation stacks, their EC2
/// instances, SSM commands and the Puppet Master, all changing state on their own over
/// <see cref="ScaledClock"/> time and reporting through <see cref="EventBus"/> as AWS does.
/// The port adapters (<see cref="Stacks"/>, <see cref="Commands"/>, <see cref="Probe"/>) are
/// what the handlers see.
/// </summary>
public sealed class SimulatedWorld : IAsyncDisposable
{
    public const string Account = "123456789012";
    public const string Region = "us-east-1";

    private readonly ConcurrentDictionary<Task, byte> _processes = new();
    private readonly CancellationTokenSource _stop = new();
    private int _nextId;

    public SimulatedWorld(ScaledClock clock, WorldTimings timings, WorldFaults faults, IEventTarget target, Func<string, string?> ruleTarget, string templatePath)
    {
        Clock = clock;
        Timings = timings;
        Faults = faults;
        TemplatePath = templatePath;
        Bus = new EventBus(clock, timings, target, ruleTarget, Account, Region);
        Throttles = new ThrottleGate(faults.Throttle);
        Stacks = new SimulatedCloudFormation(this);
        Commands = new SimulatedSsm(this);
        Probe = new SimulatedEndpointProbe(this);
        LoadBalancer = new SimulatedLoadBalancer(this);
        Notifier = new RecordingNotifier(clock);
    }

    public ScaledClock Clock { get; }
    public WorldTimings Timings { get; }
    public WorldFaults Faults { get; }
    public string TemplatePath { get; }
    public EventBus Bus { get; }
    public ThrottleGate Throttles { get; }
    public SimulatedCloudFormation Stacks { get; }
    public SimulatedSsm Commands { get; }
    public IEndpointProbe Probe { get; }
    public SimulatedLoadBalancer LoadBalancer { get; }
    public RecordingNotifier Notifier { get; }

    /// <summary>Guards every mutable part of the world; held briefly, never across a delay.</summary>
    internal object Gate { get; } = new();
    internal List<StackState> AllStacks { get; } = [];
    internal List<SimulatedInstance> Instances { get; } = [];
    internal List<SimulatedCommand> AllCommands { get; } = [];

    public IReadOnlyList<StackDescription> StackSnapshot()
    {
        lock (Gate)
        {
            return [.. AllStacks.Select(s => s.Describe())];
        }
    }

    internal string NextHex(int length)
    {
        var n = Interlocked.Increment(ref _nextId);
        return string.Concat(Guid.NewGuid().ToString("N").AsSpan(0, length - 4), n.ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Starts something that goes on by itself (a stack creating, a command running).</summary>
    internal void Spawn(Func<CancellationToken, Task> process)
    {
        var task = Task.Run(() => process(_stop.Token));
        _processes.TryAdd(task, 0);
        _ = task.ContinueWith(t => _processes.TryRemove(t, out _), TaskScheduler.Default);
    }

    /// <summary>Waits until nothing in the world is still changing and every event is delivered.</summary>
    public async Task SettleAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var busy = _processes.Keys.ToArray();
            if (busy.Length == 0)
            {
                await Bus.DrainAsync().ConfigureAwait(false);
                if (_processes.IsEmpty)
                {
                    return;
                }
            }

            await Task.WhenAny(Task.WhenAll(busy), Task.Delay(100)).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_processes.Keys).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected: processes stop at their next delay.
        }
        catch (TimeoutException)
        {
            // A process that does not stop in time is abandoned; the run is over anyway.
        }

        _stop.Dispose();
    }
}

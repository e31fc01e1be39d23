using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.StandIns.Scheduling;

namespace Wso2Serverless.StandIns.World;

/// <summary>
/// The AWS account the orchestrator deploys into, simulated: CloudFormation stacks, their EC2
/// instances, SSM commands and the Puppet Master, all changing state on their own over
/// <see cref="VirtualClock"/> time and reporting through <see cref="EventBus"/> as AWS does.
/// The port adapters (<see cref="Stacks"/>, <see cref="Commands"/>, <see cref="Probe"/>) are
/// what the handlers see. Ids come from the run's seed (<see cref="Ids"/>).
/// </summary>
public sealed class SimulatedWorld : IAsyncDisposable
{
    public const string Account = "123456789012";
    public const string Region = "us-east-1";

    private readonly CancellationTokenSource _stop = new();
    private int _nextId;

    public SimulatedWorld(VirtualClock clock, SeededIds ids, WorldTimings timings, WorldFaults faults, IEventTarget target, Func<string, string?> ruleTarget, string templatePath)
    {
        Clock = clock;
        Ids = ids;
        Timings = timings;
        Faults = faults;
        TemplatePath = templatePath;
        Bus = new EventBus(clock, ids, timings, target, ruleTarget, Account, Region) { Deliveries = faults.Deliveries };
        Throttles = new ThrottleGate(faults.Throttle, ids) { CallFaults = faults.CallFaults };
        Stacks = new SimulatedCloudFormation(this);
        Commands = new SimulatedSsm(this);
        Probe = new SimulatedEndpointProbe(this);
        LoadBalancer = new SimulatedLoadBalancer(this);
        Notifier = new RecordingNotifier(clock);
    }

    public VirtualClock Clock { get; }
    public SeededIds Ids { get; }
    public WorldTimings Timings { get; }
    public WorldFaults Faults { get; }

    /// <summary>Faults of one environment's stacks instead of <see cref="Faults"/>, by its <c>wso2:environment</c> tag (simulate --serve).</summary>
    public IReadOnlyDictionary<string, WorldFaults> EnvironmentFaults { get; init; } = new Dictionary<string, WorldFaults>(StringComparer.Ordinal);
    public string TemplatePath { get; }
    public EventBus Bus { get; }
    public ThrottleGate Throttles { get; }
    public SimulatedCloudFormation Stacks { get; }
    public SimulatedSsm Commands { get; }
    public IEndpointProbe Probe { get; }
    public SimulatedLoadBalancer LoadBalancer { get; }
    public RecordingNotifier Notifier { get; }
    /// <summary>The account's SSM SecureStrings (the database passwords the operator created).</summary>
    public SimulatedParameterStore Parameters { get; } = new();

    /// <summary>The faults that apply to this stack.</summary>
    internal WorldFaults FaultsOf(StackState stack) =>
        stack.Tags.TryGetValue(ResourceTags.Environment, out var environment) && EnvironmentFaults.TryGetValue(environment, out var faults) ? faults : Faults;

    /// <summary>The faults that apply to this instance's stack.</summary>
    internal WorldFaults FaultsOf(SimulatedInstance instance)
    {
        lock (Gate)
        {
            return AllStacks.FirstOrDefault(s => s.StackId == instance.StackId) is { } stack ? FaultsOf(stack) : Faults;
        }
    }

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

    /// <summary>Every command sent, as "document comment name=value ...": what the instances' shells were given.</summary>
    public IReadOnlyList<string> CommandLines()
    {
        lock (Gate)
        {
            return [.. AllCommands.Select(c => string.Join(' ', [c.DocumentName, c.Comment, .. c.Parameters.Select(p => $"{p.Key}={string.Join(',', p.Value)}")]))];
        }
    }

    /// <summary>Every SSM command sent so far: id, document and comment (the chaos checks one command per phase attempt).</summary>
    public IReadOnlyList<CommandResult> CommandSnapshot()
    {
        lock (Gate)
        {
            return [.. AllCommands.Select(c => c.Snapshot())];
        }
    }

    internal string NextHex(int length)
    {
        var n = Interlocked.Increment(ref _nextId);
        return string.Concat(Ids.Hex(length - 4), n.ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Starts something that goes on by itself (a stack creating, a command running) as a flow
    /// of the run's scheduler: it runs when the scheduler picks it and parks on the clock.
    /// </summary>
    internal void Spawn(Func<CancellationToken, Task> process, string name = "world") =>
        _ = Clock.Scheduler.Spawn(name, () => process(_stop.Token));

    /// <summary>Stops every process still waiting on the clock (the run is over).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}

using System.Text.Json.Nodes;
using Wso2Serverless.StandIns.World;

namespace Wso2Serverless.Simulator.Scenarios;

/// <summary>
/// One story simulate can tell: the faults in the world, the request, anything set up before the
/// run, and the outcome the orchestrator should reach (<see cref="ExpectedStatus"/> is the
/// execution status; <see cref="ExpectedFailedPhase"/> the phase a failure is recorded against).
/// </summary>
public sealed record Scenario
{
    public required string Name { get; init; }
    public required string Summary { get; init; }
    public required string ExpectedStatus { get; init; }
    public string? ExpectedFailedPhase { get; init; }
    /// <summary>Words the recorded reason must contain (case-insensitive).</summary>
    public string? ExpectedReason { get; init; }
    public WorldFaults Faults { get; init; } = WorldFaults.None;
    /// <summary>Adjusts the standard request of one environment.</summary>
    public Action<JsonObject, ScenarioEnvironment>? CustomiseInput { get; init; }
    /// <summary>An earlier deployment left a stack for the environment (rebuilds).</summary>
    public bool SeedPreviousStack { get; init; }
    /// <summary>Another deployment holds the environment's lock.</summary>
    public bool EnvironmentBusy { get; init; }
    /// <summary>Lambda and EventBridge deliver everything twice.</summary>
    public bool DuplicateInvocations { get; init; }
    /// <summary>StopExecution is called when the execution enters this state.</summary>
    public string? AbortWhenEntering { get; init; }
    /// <summary>Whether the environment's stack should still exist (not deleted) at the end.</summary>
    public bool? ExpectStackKept { get; init; }
    /// <summary>
    /// How runs start when not from the console: a script per environment that uses the HTTP API
    /// and waits for what the functions start. Null: the console starts the standard request,
    /// one run per environment. <see cref="ExpectedStatus"/> then holds for every execution.
    /// </summary>
    public Func<ScenarioDriver, Task>? Script { get; init; }
    /// <summary>The world's 5-minute EventBridge schedule invokes the scheduler function while the run lasts.</summary>
    public bool Scheduled { get; init; }
    /// <summary>Ticks of that schedule (time after the run's start) EventBridge delivers twice.</summary>
    public IReadOnlyList<TimeSpan> DuplicatedTicks { get; init; } = [];
    /// <summary>A rebuild due time (after the run's start) whose scheduler invocation times out between starting the run and marking the due time, once.</summary>
    public TimeSpan? SchedulerTimesOutMarking { get; init; }
}

/// <summary>One environment of a run: its index, name and stack name.</summary>
public sealed record ScenarioEnvironment(int Index, string Environment, string StackName);

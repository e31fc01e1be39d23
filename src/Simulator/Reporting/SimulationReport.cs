using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Simulator.Hosting;
using Wso2Serverless.Simulator.Scenarios;
using Wso2Serverless.StandIns.Scheduling;
using Wso2Serverless.StandIns.World;

namespace Wso2Serverless.Simulator.Reporting;

/// <summary>Everything one simulate run observed, for the console, the JSON report and the tests.</summary>
public sealed record SimulationReport
{
    public required string Scenario { get; init; }
    public required string ExpectedStatus { get; init; }
    /// <summary>The seed the run drew every choice from: run it again with it to replay the run.</summary>
    public required int Seed { get; init; }
    /// <summary>Null: the clock jumped as soon as nothing ran; N: it was held to N times real time.</summary>
    public double? Pace { get; init; }
    public required Uri MotoEndpoint { get; init; }
    public required string TableName { get; init; }
    public required TimeSpan RealDuration { get; init; }
    public required IReadOnlyList<ExecutionReport> Executions { get; init; }
    public required IReadOnlyList<InvocationRecord> Invocations { get; init; }
    public required IReadOnlyList<DeliveredEvent> Events { get; init; }
    public required IReadOnlyList<NotificationReport> Notifications { get; init; }
    public required IReadOnlyList<StackDescription> Stacks { get; init; }
    public required int ThrottledCalls { get; init; }
    public required string FunctionLog { get; init; }
    public required IReadOnlyList<string> RunnerStderr { get; init; }
    /// <summary>Every execution input as sent to StartExecution (the tests check no secret is in one).</summary>
    public required IReadOnlyList<string> ExecutionInputs { get; init; }
    /// <summary>Every answer of the HTTP API during the run and after it (each run and each environment's history, read at the end).</summary>
    public IReadOnlyList<ApiAnswer> ApiAnswers { get; init; } = [];
    /// <summary>Every function's payload and answer (<see cref="FunctionDispatcher.Payloads"/>): the executions' histories and the events.</summary>
    public IReadOnlyList<string> Payloads { get; init; } = [];
    /// <summary>Every SSM command the world was sent, with its parameters (<see cref="SimulatedWorld.CommandLines"/>).</summary>
    public IReadOnlyList<string> CommandLines { get; init; } = [];
    /// <summary>The SecureString values the world held (the database passwords): what must appear nowhere else. Never written to the JSON report.</summary>
    public IReadOnlyList<string> SecureValues { get; init; } = [];
    /// <summary>Pieces of work the scheduler ran and timers it fired.</summary>
    public required long Steps { get; init; }
    /// <summary>Every move of the virtual clock, with what was under way at that moment (nothing, by the scheduler's rule).</summary>
    public required IReadOnlyList<AdvanceRecord> Advances { get; init; }
    /// <summary>Every SSM command the world received (id, document, comment, status).</summary>
    public IReadOnlyList<CommandResult> Commands { get; init; } = [];

    public bool AllSucceeded => Executions.Count > 0 && Executions.All(e => e.Status == "SUCCEEDED");
}

public sealed record ExecutionReport
{
    public required string Name { get; init; }
    public required string Environment { get; init; }
    public required string StackName { get; init; }
    public required string Status { get; init; }
    public string? Error { get; init; }
    public string? Cause { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset EndedAt { get; init; }
    public required int Transitions { get; init; }
    public required IReadOnlyList<StateVisit> States { get; init; }
    public DeploymentRecord? Record { get; init; }
    public required IReadOnlyList<PhaseRecord> Phases { get; init; }
    /// <summary>The environment's lock after the run (null: released).</summary>
    public LockInfo? Lock { get; init; }
}

/// <summary>A state the execution entered, in simulated time (ExitedAt null: still in it at the end).</summary>
public sealed record StateVisit(string State, string StateType, DateTimeOffset EnteredAt, DateTimeOffset? ExitedAt, string? Error);

/// <summary>A message that went to SNS: from the state machine's sns:publish, or from a function's notifier.</summary>
public sealed record NotificationReport(DateTimeOffset At, string Via, string? Execution, string? TopicArn, string? Subject, string Message);

using System.Globalization;
using System.Text.Json;

namespace Wso2Serverless.Benchmarks;

/// <summary>
/// The parts of a <c>simulate --json</c> report the figures need, read with <see cref="JsonDocument"/>
/// so that the bench does not depend on the simulator's assemblies (it measures them from outside).
/// Times are virtual; real times are the invocations' own (<see cref="SimInvocation.RealAtMs"/>,
/// <see cref="SimInvocation.RealMs"/>) and the run's <see cref="RealSeconds"/>.
/// </summary>
internal sealed record SimulateReport(
    string Path,
    string Scenario,
    int Seed,
    double RealSeconds,
    IReadOnlyList<SimExecution> Executions,
    IReadOnlyList<SimInvocation> Invocations,
    IReadOnlyList<SimEvent> Events)
{
    public static SimulateReport Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        return new SimulateReport(
            path,
            Text(root, "scenario") ?? "",
            root.GetProperty("seed").GetInt32(),
            root.GetProperty("realSeconds").GetDouble(),
            [.. root.GetProperty("executions").EnumerateArray().Select(SimExecution.Read)],
            [.. root.GetProperty("invocations").EnumerateArray().Select(SimInvocation.Read)],
            [.. root.GetProperty("events").EnumerateArray().Select(SimEvent.Read)]);
    }

    internal static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    internal static DateTimeOffset Time(JsonElement e, string name) =>
        DateTimeOffset.Parse(e.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    internal static DateTimeOffset? OptionalTime(JsonElement e, string name) =>
        Text(e, name) is { } s ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture) : null;
}

internal sealed record SimExecution(
    string Name,
    string Environment,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    int Transitions,
    IReadOnlyList<SimState> States,
    SimRecord? Record,
    IReadOnlyList<SimPhase> Phases,
    bool LockHeld)
{
    public static SimExecution Read(JsonElement e)
    {
        var record = e.GetProperty("record");
        return new SimExecution(
            SimulateReport.Text(e, "name")!,
            SimulateReport.Text(e, "environment")!,
            SimulateReport.Text(e, "status")!,
            SimulateReport.Time(e, "startedAt"),
            SimulateReport.Time(e, "endedAt"),
            e.GetProperty("stateTransitions").GetInt32(),
            [.. e.GetProperty("states").EnumerateArray().Select(s => new SimState(
                SimulateReport.Text(s, "state")!,
                SimulateReport.Text(s, "type")!,
                SimulateReport.Time(s, "enteredAt"),
                SimulateReport.OptionalTime(s, "exitedAt"),
                SimulateReport.Text(s, "error")))],
            record.ValueKind == JsonValueKind.Object
                ? new SimRecord(SimulateReport.Text(record, "status")!, SimulateReport.OptionalTime(record, "endedAt"), SimulateReport.Text(record, "stackId"))
                : null,
            [.. e.GetProperty("phases").EnumerateArray().Select(p => new SimPhase(
                SimulateReport.Text(p, "phase")!,
                SimulateReport.Text(p, "status")!,
                SimulateReport.OptionalTime(p, "endedAt"),
                p.GetProperty("detail").EnumerateObject().ToDictionary(d => d.Name, d => d.Value.GetString() ?? "", StringComparer.Ordinal)))],
            e.GetProperty("lock").ValueKind != JsonValueKind.Null);
    }
}

internal sealed record SimState(string State, string Type, DateTimeOffset EnteredAt, DateTimeOffset? ExitedAt, string? Error);

internal sealed record SimRecord(string Status, DateTimeOffset? EndedAt, string? StackId);

internal sealed record SimPhase(string Phase, string Status, DateTimeOffset? EndedAt, IReadOnlyDictionary<string, string> Detail);

/// <summary>
/// One Lambda invocation; <see cref="Execution"/> is null for EventBridge's (router, execution
/// status). <see cref="At"/> is virtual; <see cref="RealAtMs"/> is when it started in real time
/// since the run began, <see cref="RealMs"/> how long it took, <see cref="StandInMs"/> how much of
/// that it waited on the stand-ins over HTTP (moto, the runner's callback API).
/// </summary>
internal sealed record SimInvocation(string Function, string Caller, string? Execution, DateTimeOffset At, double RealAtMs, double RealMs, string? ErrorType, string? EventId, double StandInMs)
{
    public static SimInvocation Read(JsonElement i) => new(
        SimulateReport.Text(i, "function")!,
        SimulateReport.Text(i, "caller") ?? "",
        SimulateReport.Text(i, "execution"),
        SimulateReport.Time(i, "at"),
        i.GetProperty("realAtMs").GetDouble(),
        i.GetProperty("realMs").GetDouble(),
        SimulateReport.Text(i, "errorType"),
        SimulateReport.Text(i, "eventId"),
        i.TryGetProperty("standInMs", out var standIn) ? standIn.GetDouble() : 0);

    /// <summary>Our code's share of <see cref="RealMs"/>: the stand-ins' waits taken out.</summary>
    public double OwnMs => Math.Max(0, RealMs - StandInMs);
}

/// <summary>An event the world published; <see cref="At"/> is when it was put on the bus, before EventBridge's latency.</summary>
internal sealed record SimEvent(string Id, DateTimeOffset At, string Source, string DetailType, string? Target, string Outcome, JsonElement Detail)
{
    public static SimEvent Read(JsonElement e) => new(
        e.GetProperty("event").GetProperty("id").GetString()!,
        SimulateReport.Time(e, "at"),
        SimulateReport.Text(e, "source")!,
        SimulateReport.Text(e, "detailType")!,
        SimulateReport.Text(e, "target"),
        SimulateReport.Text(e, "outcome")!,
        e.GetProperty("event").GetProperty("detail").Clone());

    public string? DetailText(string name) => SimulateReport.Text(Detail, name);

    /// <summary>"stack CREATE_COMPLETE", "command Success", "invocation Success", "signal READY", "execution FAILED": what the router is told.</summary>
    public string Kind => Source switch
    {
        "aws.cloudformation" => $"stack {(Detail.TryGetProperty("status-details", out var d) ? SimulateReport.Text(d, "status") : null)}",
        "aws.ssm" when DetailType.Contains("Invocation", StringComparison.Ordinal) => $"invocation {DetailText("status")}",
        "aws.ssm" => $"command {DetailText("status")}",
        "aws.states" => $"execution {DetailText("status")}",
        _ => $"signal {DetailText("status")}",
    };
}

using System.Collections.Concurrent;
using System.Text.Json;
using Wso2Serverless.Simulator.Reporting;

namespace Wso2Serverless.Simulator.Hosting;

/// <summary>
/// Follows the runner's progress lines: the states each execution passed through (in virtual
/// time, as the runner stamps each line), the notifications the state machine published, and a
/// live line per state entered.
/// </summary>
internal sealed class ExecutionTracker(TextWriter? progress, Func<string, string> environmentOf)
{
    private readonly ConcurrentDictionary<string, List<StateVisit>> _visits = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<NotificationReport> _notifications = new();

    public IReadOnlyList<NotificationReport> Notifications => [.. _notifications];

    public IReadOnlyList<StateVisit> Visits(string execution)
    {
        var list = _visits.GetOrAdd(execution, _ => []);
        lock (list)
        {
            return [.. list];
        }
    }

    public void OnLine(JsonElement line)
    {
        var type = Text(line, "type");
        var execution = Text(line, "execution");
        if (execution is null)
        {
            return;
        }

        var at = DateTimeOffset.FromUnixTimeMilliseconds(line.GetProperty("at").GetInt64());
        var state = Text(line, "state");
        var list = _visits.GetOrAdd(execution, _ => []);
        switch (type)
        {
            case "state-entered" when state is not null:
                var stateType = Text(line, "stateType") ?? "";
                lock (list)
                {
                    list.Add(new StateVisit(state, stateType, at, null, null));
                }

                if (stateType is "Task" or "Map" or "Fail" or "Succeed")
                {
                    progress?.WriteLine($"  {environmentOf(execution),-12} {Elapsed(at)}  -> {state}");
                }

                break;
            case "state-exited" or "state-failed" when state is not null:
                lock (list)
                {
                    var index = list.FindLastIndex(v => v.State == state && v.ExitedAt is null);
                    if (index >= 0)
                    {
                        list[index] = list[index] with { ExitedAt = at, Error = type == "state-failed" ? Text(line, "error") : null };
                    }
                }

                break;
            case "notification":
                _notifications.Enqueue(new NotificationReport(at, "states:sns:publish", execution, Text(line, "topicArn"), Text(line, "subject"), Text(line, "message") ?? ""));
                break;
            case "execution-ended":
                progress?.WriteLine($"  {environmentOf(execution),-12} {Elapsed(at)}  == {Text(line, "status")}{(Text(line, "error") is { } e ? $" ({e})" : "")}");
                break;
            default:
                break;
        }
    }

    private DateTimeOffset? _firstEntry;

    /// <summary>Time since the first state of the run (setup before it is not the deployment's time).</summary>
    private string Elapsed(DateTimeOffset at)
    {
        lock (_visits)
        {
            _firstEntry ??= at;
        }

        var span = at - _firstEntry.Value;
        return span < TimeSpan.Zero ? "00:00:00" : $"{(int)span.TotalHours:00}:{span.Minutes:00}:{span.Seconds:00}";
    }

    private static string? Text(JsonElement line, string name) =>
        line.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

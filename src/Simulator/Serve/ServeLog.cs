using System.Text.Json;
using Wso2Serverless.StandIns.ApiGateway;
using Wso2Serverless.StandIns.Scheduling;

namespace Wso2Serverless.Simulator.Serve;

/// <summary>
/// What serve prints while it runs, stamped with the virtual clock: one line per API request
/// (method, path, status, and API Gateway's reason when it refused one) and the steps of every
/// run (started, each task state entered, how it ended).
/// </summary>
internal sealed class ServeLog(TextWriter output)
{
    private Scheduler? _scheduler;
    private volatile bool _open;

    public void Attach(ServeSession session)
    {
        _scheduler = session.Scheduler;
        session.Runner.LineReceived += OnLine;
        _open = true;
    }

    /// <summary>Nothing more is printed (the runner's shutdown aborts what still runs).</summary>
    public void Close() => _open = false;

    public void Answered(ReceivedRequest request, IntegrationResponse answer)
    {
        if (_scheduler is { } scheduler)
        {
            var refusal = answer.StatusCode == 403 ? $" ({GatewayMessage(answer.Body)})" : "";
            Write(scheduler.Now, $"{request.Method} {request.RawTarget} -> {answer.StatusCode}{refusal}");
        }
    }

    private void OnLine(JsonElement line)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(line.GetProperty("at").GetInt64());
        var execution = RunnerReactions.Text(line, "execution");
        switch (RunnerReactions.Text(line, "type"))
        {
            case "execution-started":
                Write(at, $"{execution}  started");
                break;
            case "state-entered" when RunnerReactions.Text(line, "stateType") is "Task" or "Map":
                Write(at, $"{execution}  -> {RunnerReactions.Text(line, "state")}");
                break;
            case "execution-ended":
                var error = RunnerReactions.Text(line, "error") is { } e ? $" ({e})" : "";
                Write(at, $"{execution}  == {RunnerReactions.Text(line, "status")}{error}");
                break;
            default:
                break;
        }
    }

    private void Write(DateTimeOffset at, string text)
    {
        if (!_open)
        {
            return;
        }

        lock (output)
        {
            output.WriteLine($"{at:HH:mm:ss}  {text}");
            output.Flush();
        }
    }

    private static string GatewayMessage(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return RunnerReactions.Text(document.RootElement, "message") ?? "";
        }
        catch (JsonException)
        {
            return "";
        }
    }
}

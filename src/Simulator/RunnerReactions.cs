using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wso2Serverless.Domain.Events;
using Wso2Serverless.Simulator.Hosting;
using Wso2Serverless.Simulator.Scenarios;
using Wso2Serverless.StandIns.Scheduling;
using Wso2Serverless.StandIns.World;

namespace Wso2Serverless.Simulator;

/// <summary>
/// What the simulation does about the runner's lines, posted to the scheduler in the runner's
/// order: an ended execution puts Step Functions' status-change event on the bus (the
/// execution-status function closes what no Catch closed), and the abort scenario stops the
/// execution when it enters its state.
/// </summary>
internal sealed class RunnerReactions(Scenario scenario, AslRunner runner, SimulatedWorld world, Scheduler scheduler, Dictionary<string, string> inputs)
{
    /// <summary>Each ended execution's execution-ended line.</summary>
    public ConcurrentDictionary<string, JsonElement> Ended { get; } = new(StringComparer.Ordinal);

    /// <summary>Inputs of executions started by someone else (the API in serve mode), from the runner's execution-started line.</summary>
    private readonly ConcurrentDictionary<string, string> _startedElsewhere = new(StringComparer.Ordinal);

    public void OnLine(JsonElement line)
    {
        var sequence = line.GetProperty("seq").GetInt64();
        var execution = Text(line, "execution");
        switch (Text(line, "type"))
        {
            case "execution-started" when execution is not null && Text(line, "input") is { } input:
                _startedElsewhere[execution] = input;
                break;
            case "execution-ended" when execution is not null:
                scheduler.Post(WorkOrigin.Runner, sequence, $"status change of {execution}", () =>
                {
                    PublishStatusChange(line, inputs.TryGetValue(execution, out var given) ? given : _startedElsewhere[execution]);
                    return Task.CompletedTask;
                });
                Ended[execution] = line;
                break;
            case "state-entered" when execution is not null && scenario.AbortWhenEntering is { } state && Text(line, "state") == state:
                scheduler.Post(WorkOrigin.Runner, sequence, $"stop {execution}", () =>
                {
                    runner.StopExecution(execution, "Operator.Stopped", "Stopped from the console by the abort scenario.");
                    return Task.CompletedTask;
                });
                break;
            default:
                break;
        }
    }

    /// <summary>The "Step Functions Execution Status Change" event Step Functions puts on the bus when an execution ends.</summary>
    private void PublishStatusChange(JsonElement final, string input)
    {
        var arn = final.GetProperty("executionArn").GetString()!;
        var detail = new JsonObject
        {
            ["executionArn"] = arn,
            ["stateMachineArn"] = FunctionArns.StateMachineArn,
            ["name"] = final.GetProperty("execution").GetString(),
            ["status"] = final.GetProperty("status").GetString(),
            ["startDate"] = final.GetProperty("startDate").GetInt64(),
            ["stopDate"] = final.GetProperty("stopDate").GetInt64(),
            ["input"] = input,
            ["inputDetails"] = new JsonObject { ["included"] = true },
            ["output"] = Text(final, "output"),
            ["outputDetails"] = new JsonObject { ["included"] = true },
            ["error"] = Text(final, "error"),
            ["cause"] = Text(final, "cause"),
        };
        world.Bus.Publish(EventSources.StepFunctions, EventSources.ExecutionStatusChange, [arn], detail);
    }

    internal static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

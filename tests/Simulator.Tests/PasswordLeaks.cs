using Wso2Serverless.Simulator.Reporting;

namespace Wso2Serverless.Simulator.Tests;

/// <summary>
/// Every place a run leaves text an operator, a log reader or AWS could see, and which of them
/// hold a SecureString value of the world: execution inputs, the executions' histories (each
/// task's parameters and output, each event), the SSM commands' parameters, the stacks'
/// parameters and outputs, the functions' log, the records and phases, the events, the
/// notifications, the HTTP API's answers and the runner's stderr.
/// </summary>
internal static class PasswordLeaks
{
    public static IReadOnlyList<(string Place, string Text)> Places(SimulationReport report)
    {
        var places = new List<(string, string)>
        {
            ("function log", report.FunctionLog),
            ("JSON report (records, phases, invocations, events, notifications, stacks)", ReportComparison.Json(report).ToJsonString()),
            ("runner stderr", string.Join('\n', report.RunnerStderr)),
        };
        places.AddRange(report.ExecutionInputs.Select(i => ("execution input", i)));
        places.AddRange(report.CommandLines.Select(c => ("SSM command parameters", c)));
        places.AddRange(report.Stacks.Select(s => ($"stack {s.StackName} parameters and outputs", string.Join(' ', s.Parameters.Concat(s.Outputs).Select(p => $"{p.Key}={p.Value}")))));
        places.AddRange(report.Payloads.Select(p => ("execution history / event payload", p)));
        places.AddRange(report.Executions.Select(e => ($"execution {e.Name} cause and record", $"{e.Error} {e.Cause} {e.Record?.Reason} {string.Join(' ', e.Phases.Select(p => p.Error + " " + string.Join(' ', p.Instances.Select(i => i.OutputTail))))}")));
        places.AddRange(report.Notifications.Select(n => ("notification", $"{n.Subject}\n{n.Message}")));
        places.AddRange(report.ApiAnswers.Select(a => ($"API answer to {a.Method} {a.Path}", a.Body)));
        return places;
    }

    /// <summary>The places holding any of the world's secure values.</summary>
    public static IReadOnlyList<string> Find(SimulationReport report) =>
        [.. Places(report).Where(p => report.SecureValues.Any(v => p.Text.Contains(v, StringComparison.Ordinal))).Select(p => p.Place).Distinct()];
}

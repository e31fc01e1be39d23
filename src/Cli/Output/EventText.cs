using Wso2Serverless.Cli.Follow;
using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Cli.Output;

/// <summary>One line of text per run event, shared by the plain and the live display.</summary>
public static class EventText
{
    /// <summary>The phase (or "deployment") the event belongs to, and what to say about it.</summary>
    public static (string Subject, string Text) Describe(RunEvent runEvent) => runEvent switch
    {
        PhaseStarted s => (s.Phase.Phase, s.Phase.Attempt > 1 ? $"started (attempt {s.Phase.Attempt})" : "started"),
        SubStepArrived s => (s.Phase.Phase, $"· {s.Step.Name}: {s.Step.Status}{Suffix(s.Step.Message)}"),
        InstanceReported i => (i.Phase.Phase, $"↳ {i.Instance.InstanceId} {i.Instance.Status}{(i.Instance.ExitCode is { } code ? $" (exit {code})" : "")}"),
        PhaseEnded e => (e.Phase.Phase, Ended(e.Phase)),
        RunEnded r => ("deployment", Ended(r.Deployment)),
        _ => ("", runEvent.ToString()),
    };

    public static string Ended(PhaseRecord phase)
    {
        var took = phase.EndedAt is { } end ? $" in {Durations.Format(end - phase.StartedAt)}" : "";
        return $"{phase.Status}{took}{Suffix(phase.Error)}";
    }

    public static string Ended(DeploymentRecord deployment)
    {
        var took = deployment.EndedAt is { } end ? $" in {Durations.Format(end - deployment.StartedAt)}" : "";
        var where = deployment.FailedPhase is { Length: > 0 } phase ? $" at {phase}" : "";
        return $"{deployment.Status}{where}{took}{Suffix(deployment.Reason)}";
    }

    private static string Suffix(string? message) => message is { Length: > 0 } ? ": " + message : "";
}

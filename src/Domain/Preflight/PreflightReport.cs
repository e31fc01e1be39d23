namespace Wso2Serverless.Domain.Preflight;

/// <summary>Every problem of a request at once, so a caller fixes them in one round.</summary>
public sealed record PreflightReport(IReadOnlyList<PreflightProblem> Problems)
{
    public bool Passed => Problems.Count == 0;

    /// <summary>One line per problem, for the cause of <c>Wso2.PreflightFailed</c>.</summary>
    public string Describe() => Passed
        ? "preflight passed"
        : $"{Problems.Count} stack parameter problem(s): " + string.Join("; ", Problems);
}

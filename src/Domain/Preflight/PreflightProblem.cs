namespace Wso2Serverless.Domain.Preflight;

/// <summary>
/// One problem, naming the parameter and what is expected. <see cref="Expected"/> never
/// repeats the value of a NoEcho parameter: reports end up in execution histories and logs.
/// </summary>
public sealed record PreflightProblem(string Parameter, PreflightProblemKind Kind, string Expected)
{
    public override string ToString() => $"{Parameter}: {Expected}";
}

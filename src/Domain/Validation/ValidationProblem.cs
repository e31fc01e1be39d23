namespace Wso2Serverless.Domain.Validation;

/// <summary>One thing wrong with a request: where (a JSON path such as <c>$.agents[1].role</c>) and what was expected.</summary>
public sealed record ValidationProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

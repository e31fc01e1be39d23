namespace Wso2Serverless.Functions.Tasks;

/// <summary>Which SNS topic a deployment's notification goes to: the request's own, else the orchestrator's.</summary>
internal static class Topics
{
    public static string Choose(params string?[] candidates) =>
        candidates.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c) && !c.StartsWith("${", StringComparison.Ordinal)) ?? "";
}

using System.Text.Json;
using System.Text.RegularExpressions;
using Wso2Serverless.Domain.Validation;
using Wso2Serverless.Functions.Tasks;

namespace Wso2Serverless.Functions.Api;

/// <summary>
/// What the API checks before it starts anything: the deployment request through the same
/// validator Accept uses (so the API answers 400 at once instead of a failed execution later),
/// the stack-name prefix the template's IAM is scoped to, and the identifiers in paths.
/// </summary>
public static partial class RequestChecks
{
    /// <summary>
    /// Every problem of a deployment request, with paths under <paramref name="prefix"/> (e.g.
    /// <c>$.request</c>), including a wait that would outlive the environment lock's <paramref name="lockLease"/>.
    /// </summary>
    public static IReadOnlyList<FieldProblem> DeploymentRequest(JsonElement request, DateTimeOffset now, string stackNamePrefix, TimeSpan lockLease, string prefix = "$")
    {
        var validation = DeploymentRequestValidator.Validate(request, "validation", now);
        var leaseProblems = validation.Deployment is { } d ? LeaseBudget.Check(d.Timeouts, lockLease) : [];
        var problems = validation.Problems.Concat(leaseProblems).Select(p => new FieldProblem(prefix + p.Path[1..], p.Message)).ToList();
        if (stackNamePrefix.Length > 0
            && request.ValueKind == JsonValueKind.Object
            && request.TryGetProperty("stackName", out var stackName) && stackName.ValueKind == JsonValueKind.String
            && !stackName.GetString()!.StartsWith(stackNamePrefix, StringComparison.Ordinal))
        {
            problems.Add(new FieldProblem(prefix + ".stackName", $"expected a name starting with '{stackNamePrefix}': the orchestrator may only create stacks with that prefix"));
        }

        return problems;
    }

    public static string? EnvironmentOf(JsonElement request) =>
        request.ValueKind == JsonValueKind.Object && request.TryGetProperty("environment", out var e) && e.ValueKind == JsonValueKind.String
            ? e.GetString()
            : null;

    public const string EnvironmentNameRule = "An environment name is 1-32 characters: lower-case letters, digits and '-', starting with a letter.";

    public static bool IsEnvironmentName(string? name) => name is not null && EnvironmentName().IsMatch(name);

    /// <summary>Deployment ids are execution names: 1-80 letters, digits, '-' and '_'.</summary>
    public static bool IsDeploymentId(string? id) => id is not null && DeploymentId().IsMatch(id);

    [GeneratedRegex("^[a-z][a-z0-9-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvironmentName();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,80}$", RegexOptions.CultureInvariant)]
    private static partial Regex DeploymentId();
}

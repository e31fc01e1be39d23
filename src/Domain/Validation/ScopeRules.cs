using System.Text.Json;
using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Domain.Validation;

/// <summary>
/// The rules of a <see cref="RequestScope"/>, on the raw request (so they are reported beside
/// every other problem). Each matches what the template's IAM allows, so a request they pass is
/// one the functions may carry out, and one they refuse fails here with a reason instead of an
/// AccessDenied later. Messages name the allowed values (settings), never the submitted ones.
/// </summary>
public static class ScopeRules
{
    public static IReadOnlyList<ValidationProblem> Check(JsonElement request, RequestScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var problems = new List<ValidationProblem>();
        if (request.ValueKind != JsonValueKind.Object)
        {
            return problems;
        }

        if (Text(request, "stackName") is { } stackName && StackNameProblem(stackName, scope) is { } wrongStack)
        {
            problems.Add(wrongStack);
        }

        if (Text(request, "template") is { } template && template != DeploymentRequestValidator.BundledTemplate)
        {
            Template(template, scope, problems);
        }

        if (request.TryGetProperty("notification", out var n) && n.ValueKind == JsonValueKind.Object && Text(n, "topicArn") is { } topic)
        {
            Topic(topic, scope, problems);
        }

        return problems;
    }

    /// <summary>True for the orchestrator's own stack and its companions (<c>NAME-documents</c>).</summary>
    public static bool IsOrchestratorsOwn(string stackName, string orchestratorName) =>
        orchestratorName.Length > 0
        && (string.Equals(stackName, orchestratorName, StringComparison.OrdinalIgnoreCase)
            || stackName.StartsWith(orchestratorName + "-", StringComparison.OrdinalIgnoreCase));

    /// <summary>Why a stack may not be a product stack of this installation; null when it may.</summary>
    public static ValidationProblem? StackNameProblem(string stackName, RequestScope scope)
    {
        ArgumentNullException.ThrowIfNull(stackName);
        ArgumentNullException.ThrowIfNull(scope);
        if (IsOrchestratorsOwn(stackName, scope.OrchestratorName))
        {
            return new("$.stackName", $"names the orchestrator's own stack ('{scope.OrchestratorName}' or a name starting '{scope.OrchestratorName}-'); choose the product stack's own name");
        }

        return scope.StackNamePrefix.Length > 0 && !stackName.StartsWith(scope.StackNamePrefix, StringComparison.Ordinal)
            ? new("$.stackName", $"expected a name starting with '{scope.StackNamePrefix}': the orchestrator may only create stacks with that prefix")
            : null;
    }

    private static void Template(string url, RequestScope scope, List<ValidationProblem> problems)
    {
        if (scope.TemplateBucket.Length == 0)
        {
            return;
        }

        var expected = $"expected \"bundled\" or https://{scope.TemplateBucket}.s3.{(scope.Region.Length > 0 ? scope.Region : "REGION")}.amazonaws.com/{scope.TemplatePrefix}KEY: the orchestrator reads product templates from there only";
        var location = S3ObjectLocation.Parse(url);
        if (location is null || !IsVirtualHosted(url, location) || location.Bucket != scope.TemplateBucket
            || (location.Region is { } region && scope.Region.Length > 0 && region != scope.Region)
            || !location.Key.StartsWith(scope.TemplatePrefix, StringComparison.Ordinal) || !IsPlainKey(location.Key))
        {
            problems.Add(new("$.template", expected));
        }
    }

    /// <summary>The two URL forms the template's IAM condition allows: BUCKET.s3.REGION.amazonaws.com and BUCKET.s3.amazonaws.com.</summary>
    private static bool IsVirtualHosted(string url, S3ObjectLocation location)
    {
        var host = new Uri(url).Host;
        return host == $"{location.Bucket}.s3.amazonaws.com"
            || (location.Region is { } region && host == $"{location.Bucket}.s3.{region}.amazonaws.com");
    }

    /// <summary>No way out of the prefix: no dot segments, escapes, queries or empty segments.</summary>
    private static bool IsPlainKey(string key) =>
        !key.Split('/').Any(segment => segment is "." or ".." || segment.Length == 0) && key.IndexOfAny(['%', '?', '#', '\\']) < 0;

    private static void Topic(string topicArn, RequestScope scope, List<ValidationProblem> problems)
    {
        if (topicArn == scope.OwnTopicArn || (scope.Account.Length == 0 && scope.Region.Length == 0 && scope.TopicNamePrefix.Length == 0))
        {
            return;
        }

        var parts = topicArn.Split(':');
        var ok = parts.Length == 6
            && (scope.Region.Length == 0 || parts[3] == scope.Region)
            && (scope.Account.Length == 0 || parts[4] == scope.Account)
            && parts[5].StartsWith(scope.TopicNamePrefix, StringComparison.Ordinal);
        if (!ok)
        {
            problems.Add(new("$.notification.topicArn",
                $"expected a topic of this account and region ({scope.Account}, {scope.Region}) whose name starts with '{scope.TopicNamePrefix}', or the orchestrator's own topic: the functions may publish nowhere else"));
        }
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

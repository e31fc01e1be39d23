using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Wso2Serverless.Domain.Tests.Validation;

/// <summary>
/// deployment-input.schema.json evaluated by JsonSchema.Net, its verdict turned into the field
/// paths the validator speaks (<c>$.agents[1].role</c>): the deepest places that failed; for
/// <c>anyOf</c> the branch that got furthest; for <c>required</c> the missing members.
/// </summary>
internal static partial class SchemaEvaluation
{
    public static string SchemaPath { get; } = Path.Combine(FindRoot(), "src", "StateMachine", "deployment-input.schema.json");

    /// <summary>The schema (or a variant of its text), in a registry of its own: its $id is the same every time.</summary>
    public static JsonSchema Load(string? text = null) =>
        JsonSchema.FromText(text ?? File.ReadAllText(SchemaPath), new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    /// <summary>The paths the schema refuses; empty when the input is valid.</summary>
    public static IReadOnlySet<string> Refusals(JsonSchema schema, JsonElement input)
    {
        var result = schema.Evaluate(input, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        return result.IsValid ? new HashSet<string>() : [.. Failures(result)];
    }

    private static List<string> Failures(EvaluationResults node)
    {
        var failing = (node.Details ?? []).Where(d => !d.IsValid).ToList();
        var branches = failing.Where(IsBranch).ToList();
        var paths = failing.Except(branches).SelectMany(Failures).ToList();
        if (branches.Count > 0)
        {
            // Every branch of an anyOf failed: report what the one that got furthest found wrong.
            var perBranch = branches.Select(Failures).Where(p => p.Count > 0).ToList();
            var deepest = perBranch.Max(p => p.Max(Depth));
            paths.AddRange(perBranch.Where(p => p.Max(Depth) == deepest).SelectMany(p => p));
        }

        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
        {
            paths.AddRange(keyword == "required" ? Missing(node, message) : [ToPath(node.InstanceLocation.ToString())]);
        }

        if (paths.Count == 0)
        {
            paths.Add(ToPath(node.InstanceLocation.ToString())); // e.g. a "not" whose subschema matched
        }

        return paths;
    }

    private static bool IsBranch(EvaluationResults node)
    {
        var segments = node.EvaluationPath.ToString().Split('/');
        return segments.Length >= 2 && segments[^2] is "anyOf" or "oneOf" && int.TryParse(segments[^1], out _);
    }

    private static IEnumerable<string> Missing(EvaluationResults node, string message)
    {
        var names = JsonSerializer.Deserialize<string[]>(RequiredNames().Match(message).Value) ?? [];
        var parent = ToPath(node.InstanceLocation.ToString());
        return names.Select(n => $"{parent}.{n}");
    }

    private static int Depth(string path) => path.Count(c => c is '.' or '[');

    /// <summary>JSON Pointer to the validator's JSONPath form: <c>/agents/1/role</c> → <c>$.agents[1].role</c>.</summary>
    public static string ToPath(string pointer)
    {
        var path = "$";
        foreach (var raw in pointer.Split('/').Skip(1))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            path += int.TryParse(segment, out _) ? $"[{segment}]" : $".{segment}";
        }

        return path;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Wso2Serverless.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    [GeneratedRegex(@"\[.*\]")]
    private static partial Regex RequiredNames();
}

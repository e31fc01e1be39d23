using System.Text.Json;
using System.Text.Json.Nodes;
using Wso2Serverless.Simulator.Reporting;

namespace Wso2Serverless.Simulator.Tests;

/// <summary>A report as --json writes it, without <see cref="ReportJson.RunDependentFields"/>: what two runs with one seed must share.</summary>
internal static class ReportComparison
{
    public static JsonObject Json(SimulationReport report)
    {
        using var buffer = new MemoryStream();
        ReportJson.Write(report, buffer);
        return JsonNode.Parse(buffer.ToArray())!.AsObject();
    }

    public static string Normalized(SimulationReport report)
    {
        var json = Json(report);
        foreach (var field in ReportJson.RunDependentFields)
        {
            Remove(json, field.Split('.'));
        }

        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Whether every element the path names exists (so the list of run-dependent fields is not stale).</summary>
    public static bool Exists(JsonObject json, string field) => Nodes(json, field.Split('.')).Any();

    /// <summary>The first line where two normalized reports differ, with its neighbours; null when they are the same.</summary>
    public static string? FirstDifference(string first, string second)
    {
        var a = first.Split('\n');
        var b = second.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : "<end>";
            var y = i < b.Length ? b[i] : "<end>";
            if (x != y)
            {
                var context = string.Join('\n', a.Skip(Math.Max(0, i - 8)).Take(8));
                return $"line {i + 1}: first run {x.Trim()} / second run {y.Trim()}\nafter:\n{context}";
            }
        }

        return null;
    }

    private static void Remove(JsonObject json, string[] path)
    {
        foreach (var parent in Nodes(json, path[..^1]))
        {
            parent.AsObject().Remove(path[^1].TrimEnd('[', ']'));
        }
    }

    /// <summary>Every node a dotted path reaches; "name[]" steps into each element of an array.</summary>
    private static IEnumerable<JsonNode> Nodes(JsonNode node, IEnumerable<string> path)
    {
        IEnumerable<JsonNode> current = [node];
        foreach (var step in path)
        {
            var each = step.EndsWith("[]", StringComparison.Ordinal);
            var name = each ? step[..^2] : step;
            current = current
                .Select(n => n is JsonObject o && o.TryGetPropertyValue(name, out var child) ? child : null)
                .Where(n => n is not null)
                .SelectMany(n => each && n is JsonArray array ? array.Where(e => e is not null).Select(e => e!) : [n!])
                .ToList();
        }

        return current;
    }
}

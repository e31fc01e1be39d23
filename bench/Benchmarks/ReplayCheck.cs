using System.Text.Json.Nodes;

namespace Wso2Serverless.Benchmarks;

/// <summary>
/// Two reports of runs with one seed must be the same apart from the fields the report itself
/// lists as run-dependent (real times, moto's port): the determinism figure of BENCHMARKS.md.
/// </summary>
internal static class ReplayCheck
{
    public static int Run(Options options)
    {
        var paths = options.All("--report");
        if (paths.Count != 2)
        {
            Out.Error($"replay: give exactly two --report FILE");
            return 2;
        }

        var (first, fields) = Normalized(paths[0]);
        var (second, _) = Normalized(paths[1]);
        var a = first.Split('\n');
        var b = second.Split('\n');
        var difference = Enumerable.Range(0, Math.Max(a.Length, b.Length)).FirstOrDefault(i => i >= a.Length || i >= b.Length || a[i] != b[i], -1);
        Out.Line($"replay {paths[0]} and {paths[1]}: {a.Length} lines compared without {string.Join(", ", fields)}");
        Out.Line($"replay: {(difference < 0 ? "identical" : $"DIFFERENT from line {difference + 1}: {(difference < a.Length ? a[difference].Trim() : "<end>")} / {(difference < b.Length ? b[difference].Trim() : "<end>")}")}");
        return difference < 0 ? 0 : 1;
    }

    private static (string Text, IReadOnlyList<string> Fields) Normalized(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var fields = root["runDependentFields"]!.AsArray().Select(f => f!.GetValue<string>()).ToList();
        foreach (var field in fields)
        {
            var steps = field.Split('.');
            IEnumerable<JsonNode> parents = [root];
            foreach (var step in steps[..^1])
            {
                var name = step.TrimEnd('[', ']');
                parents = [.. parents.Select(p => p[name]).OfType<JsonNode>().SelectMany(n => n is JsonArray array ? array.OfType<JsonNode>() : [n])];
            }

            foreach (var parent in parents.OfType<JsonObject>())
            {
                parent.Remove(steps[^1]);
            }
        }

        return (root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }), fields);
    }
}

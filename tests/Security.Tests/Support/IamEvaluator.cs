using System.Text.Json.Nodes;
using Wso2Serverless.StandIns.Iam;

namespace Wso2Serverless.Security.Tests.Support;

/// <summary>One evaluated request: what was asked and what iam-simulate decided (Allowed, ImplicitlyDenied, ExplicitlyDenied, Error).</summary>
public sealed record Decision(string Principal, string Action, string Resource, string Context, string Result, IReadOnlyList<string> AllowedBy, string? Errors, string Cause)
{
    public bool Allowed => Result == "Allowed";

    public override string ToString() => $"{Principal} {Action} {Resource} {Context} ({Cause}) => {Result} {Errors}";
}

/// <summary>
/// Hands requests to @cloud-copilot/iam-simulate (tools/node/iam-evaluate.cjs), an evaluator this
/// project did not write; identical requests are evaluated once.
/// </summary>
public static class IamEvaluator
{
    /// <summary>The recorded calls of functions, each as its function's role.</summary>
    public static Task<IReadOnlyList<Decision>> EvaluateAsync(EffectiveIam iam, IEnumerable<IamCall> calls) =>
        EvaluateAsync(iam, calls.Select(c => ("function", c.Function, c.Action, c.Resource, c.Context, c.Cause)));

    public static async Task<IReadOnlyList<Decision>> EvaluateAsync(
        EffectiveIam iam, IEnumerable<(string Kind, string Principal, string Action, string Resource, IReadOnlyDictionary<string, IReadOnlyList<string>> Context, string Cause)> requests)
    {
        // Identical requests are evaluated once; the decision names every operation they came from.
        var unique = requests
            .Select(r => (r.Kind, r.Principal, r.Action, r.Resource, Context: Json(r.Context), r.Cause))
            .GroupBy(r => (r.Kind, r.Principal, r.Action, r.Resource, r.Context))
            .Select(g => g.First() with { Cause = string.Join(", ", g.Select(r => r.Cause).Distinct().Order(StringComparer.Ordinal)) })
            .ToList();
        var principals = new JsonObject();
        foreach (var (kind, principal) in unique.Select(u => (u.Kind, u.Principal)).Distinct())
        {
            principals[$"{kind}:{principal}"] = iam.Principal(kind, principal);
        }

        var input = new JsonObject
        {
            ["principals"] = principals,
            ["requests"] = new JsonArray([.. unique.Select(u => (JsonNode)new JsonObject
            {
                ["principal"] = $"{u.Kind}:{u.Principal}",
                ["action"] = u.Action,
                ["resource"] = u.Resource,
                ["context"] = JsonNode.Parse(u.Context),
            })]),
        };
        var output = await Processes.RunAsync("node", [Path.Combine("tools", "node", "iam-evaluate.cjs")], input.ToJsonString());
        var results = JsonNode.Parse(output)!.AsArray();
        return [.. unique.Select((u, i) => new Decision(u.Principal, u.Action, u.Resource, u.Context, (string)results[i]!["result"]!,
            [.. results[i]!["allowedBy"]?.AsArray().Select(s => (string)s!) ?? []], (string?)results[i]!["errors"], u.Cause))];
    }

    private static string Json(IReadOnlyDictionary<string, IReadOnlyList<string>> context) =>
        new JsonObject([.. context.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => KeyValuePair.Create(c.Key, (JsonNode?)new JsonArray([.. c.Value.Select(v => (JsonNode)v)])))]).ToJsonString();
}

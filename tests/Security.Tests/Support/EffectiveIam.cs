using System.Text.Json.Nodes;

namespace Wso2Serverless.Security.Tests.Support;

/// <summary>
/// serverless.template's IAM as AWS would hold it for one profile: AWS's SAM translator, then every
/// intrinsic resolved (tools/iam/effective_policies.py). Functions by handler, the stack role, the
/// product boundary, and pattern-1's roles when the profile names a product stack.
/// </summary>
public sealed class EffectiveIam(JsonObject json, IamProfile profile)
{
    public IamProfile Profile { get; } = profile;

    public JsonObject Json { get; } = json;

    public static async Task<EffectiveIam> ResolveAsync(IamProfile profile)
    {
        var output = await Processes.RunAsync("python3", [Path.Combine("tools", "iam", "effective_policies.py")], profile.ToJson(),
            new Dictionary<string, string> { ["AWS_DEFAULT_REGION"] = profile.Region });
        return new EffectiveIam(JsonNode.Parse(output)!.AsObject(), profile);
    }

    public IEnumerable<string> Functions => Json["functions"]!.AsObject().Select(f => f.Key);

    /// <summary>A principal for the evaluator: the role's ARN, its inline policies and, for product roles, the boundary.</summary>
    public JsonObject Principal(string kind, string name)
    {
        var role = kind switch
        {
            "function" => Json["functions"]![name]!,
            "product" => Json["productRoles"]![name]!,
            _ => Json["stackRole"]!,
        };
        var principal = new JsonObject
        {
            ["arn"] = role["arn"]!.DeepClone(),
            ["account"] = Profile.Account,
            ["policies"] = role["policies"]!.DeepClone(),
        };
        if (role["boundaryArn"] is JsonValue boundary && (string?)boundary == (string?)Json["boundary"]!["arn"])
        {
            principal["boundary"] = new JsonArray(new JsonObject { ["name"] = "ProductBoundary", ["policy"] = Json["boundary"]!["policy"]!.DeepClone() });
        }

        return principal;
    }

    /// <summary>Every (action pattern) each function's policies allow, by Sid, for the coverage check.</summary>
    public IEnumerable<(string Function, string Sid, string Action)> GrantedActions() =>
        Json["functions"]!.AsObject().SelectMany(f => f.Value!["policies"]!.AsArray()
            .SelectMany(p => p!["policy"]!["Statement"]!.AsArray())
            .SelectMany(s => Actions(s!["Action"]).Select(a => (f.Key, (string?)s!["Sid"] ?? "?", a))));

    private static IEnumerable<string> Actions(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(a => (string)a!),
        JsonValue value => [(string)value!],
        _ => [],
    };
}

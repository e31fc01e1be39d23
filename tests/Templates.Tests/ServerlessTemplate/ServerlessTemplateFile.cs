using System.Text.Json.Nodes;
using Wso2Serverless.Templates.Tests.Support;

namespace Wso2Serverless.Templates.Tests.ServerlessTemplate;

/// <summary>serverless.template, parsed once, with readers for the parts the tests check.</summary>
internal static class ServerlessTemplateFile
{
    public static string Path => System.IO.Path.Combine(Repo.Root, "serverless.template");

    public static JsonObject Template { get; } = JsonNode.Parse(File.ReadAllText(Path))!.AsObject();

    public static JsonObject Resources => Template[nameof(Resources)]!.AsObject();

    public static IEnumerable<(string Id, JsonObject Properties)> OfType(string type) =>
        Resources
            .Where(r => (string?)r.Value!["Type"] == type)
            .Select(r => (r.Key, r.Value!["Properties"]?.AsObject() ?? []));

    /// <summary>Every IAM statement anywhere in the template (roles, function policies, state machine policies).</summary>
    public static IEnumerable<(string Where, JsonObject Statement)> Statements()
    {
        foreach (var (id, resource) in Resources)
        {
            foreach (var statement in Find(resource!, "Statement"))
            {
                foreach (var item in statement is JsonArray array ? array : new JsonArray(statement.DeepClone()))
                {
                    yield return (id, item!.AsObject());
                }
            }
        }
    }

    public static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    private static IEnumerable<JsonNode> Find(JsonNode node, string name)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    if (child is null)
                    {
                        continue;
                    }

                    if (key == name)
                    {
                        yield return child;
                    }

                    foreach (var found in Find(child, name))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array.OfType<JsonNode>())
                {
                    foreach (var found in Find(child, name))
                    {
                        yield return found;
                    }
                }

                break;
        }
    }
}

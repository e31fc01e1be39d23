using System.Text.Json.Nodes;

namespace Wso2Serverless.Functions.Tests.StateMachine;

/// <summary>The states of a state machine file, nested Map processors included, by name.</summary>
internal static class AslStates
{
    public static readonly string[] Files = ["deployment.asl.json", "teardown.asl.json"];

    public static JsonObject Load(string file) => JsonNode.Parse(File.ReadAllText(RepoPaths.StateMachine(file)))!.AsObject();

    /// <summary>Every state of the file: (name, state, the States object it lives in).</summary>
    public static IEnumerable<(string Name, JsonObject State, JsonObject Scope)> All(string file) => Walk(Load(file)["States"]!.AsObject());

    public static bool IsLambdaTask(JsonObject state) =>
        (string?)state["Type"] == "Task" && ((string?)state["Resource"])?.StartsWith("arn:aws:states:::lambda:invoke", StringComparison.Ordinal) == true;

    public static IReadOnlyList<string> Names(JsonNode? errorEquals) =>
        [.. errorEquals?.AsArray().Select(n => n!.GetValue<string>()) ?? []];

    private static IEnumerable<(string, JsonObject, JsonObject)> Walk(JsonObject states)
    {
        foreach (var (name, node) in states)
        {
            var state = node!.AsObject();
            yield return (name, state, states);
            if (state["ItemProcessor"]?["States"] is JsonObject inner)
            {
                foreach (var nested in Walk(inner))
                {
                    yield return nested;
                }
            }
        }
    }
}

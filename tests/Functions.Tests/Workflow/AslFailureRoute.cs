using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Wso2Serverless.Functions.Tasks;

namespace Wso2Serverless.Functions.Tests.Workflow;

/// <summary>
/// Follows a failure through the real deployment.asl.json the way Step Functions does: the
/// state's first matching Catch (its ResultPath), then Pass states (Parameters with paths,
/// <c>States.Format</c> and <c>States.JsonToString</c>, ResultPath) until RecordFailure or a
/// Fail state. The driver hands RecordFailure what this finds, so a route that forgets its phase
/// fails the workflow tests, not only the structural ones.
/// </summary>
internal sealed partial class AslFailureRoute(JsonObject definition)
{
    /// <summary>The state's Catch for <paramref name="error"/>, applied to <paramref name="document"/>, then the route from its Next.</summary>
    public RouteEnd FromCatch(string state, JsonObject document, TaskError error, Action<string> enter)
    {
        var (scope, node) = Find(state);
        var catcher = node["Catch"]?.AsArray().Select(c => c!.AsObject())
            .FirstOrDefault(c => c["ErrorEquals"]!.AsArray().Select(n => (string)n!).Any(n => n == error.Error || n == "States.ALL"))
            ?? throw new InvalidOperationException($"{state} has no Catch for {error.Error}: the execution would fail unrecorded");
        Set(document, (string)catcher["ResultPath"]!, new JsonObject { ["Error"] = error.Error, ["Cause"] = error.Cause });
        return From((string)catcher["Next"]!, scope, document, enter);
    }

    /// <summary>The route from a named state (e.g. a Choice's Default target) in the scope that holds it.</summary>
    public RouteEnd FromState(string state, JsonObject document, Action<string> enter) => From(state, Find(state).Scope, document, enter);

    /// <summary>The target of a Choice's Default.</summary>
    public string DefaultOf(string choice) => (string)Find(choice).State["Default"]!;

    private static RouteEnd From(string name, JsonObject scope, JsonObject document, Action<string> enter)
    {
        for (var steps = 0; steps < 20; steps++)
        {
            if (name is "RecordFailure" or "RecordRejection")
            {
                var error = (JsonObject)Read(document, "$.error")!;
                var payload = scope[name]!["Parameters"]!["Payload"]!.AsObject();
                var phase = payload["phase.$"] is { } path ? (string?)Evaluate(path, document) : (string?)payload["phase"];
                return new RouteEnd(name, phase, new TaskError((string)error["Error"]!, (string?)error["Cause"]));
            }

            var state = scope[name]!.AsObject();
            enter(name);
            switch ((string)state["Type"]!)
            {
                case "Pass":
                    var result = new JsonObject();
                    foreach (var (key, value) in state["Parameters"]!.AsObject())
                    {
                        result[key.EndsWith(".$", StringComparison.Ordinal) ? key[..^2] : key] = key.EndsWith(".$", StringComparison.Ordinal)
                            ? Evaluate(value, document)
                            : value!.DeepClone();
                    }

                    Set(document, (string)state["ResultPath"]!, result);
                    name = (string)state["Next"]!;
                    break;
                case "Fail":
                    return new RouteEnd(name, null, new TaskError((string)Read(document, (string)state["ErrorPath"]!)!, (string?)Read(document, (string)state["CausePath"]!)));
                default:
                    throw new InvalidOperationException($"the failure route reached {name}, a {(string?)state["Type"]}");
            }
        }

        throw new InvalidOperationException("the failure route does not end");
    }

    private (JsonObject Scope, JsonObject State) Find(string name)
    {
        var scopes = new Stack<JsonObject>([definition["States"]!.AsObject()]);
        while (scopes.TryPop(out var scope))
        {
            if (scope[name] is JsonObject found)
            {
                return (scope, found);
            }

            foreach (var (_, node) in scope)
            {
                if (node!["ItemProcessor"]?["States"] is JsonObject inner)
                {
                    scopes.Push(inner);
                }
            }
        }

        throw new InvalidOperationException($"no state {name}");
    }

    private static JsonNode? Evaluate(JsonNode? expression, JsonObject document)
    {
        var text = (string?)expression ?? throw new InvalidOperationException("a .$ field needs a path");
        if (Format().Match(text) is { Success: true } format)
        {
            return format.Groups["template"].Value.Replace("{}", (string?)Read(document, format.Groups["path"].Value), StringComparison.Ordinal);
        }

        if (JsonToString().Match(text) is { Success: true } json)
        {
            return Read(document, json.Groups["path"].Value)!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }

        return Read(document, text)?.DeepClone();
    }

    private static JsonNode? Read(JsonObject document, string path)
    {
        JsonNode? node = document;
        foreach (var part in path[2..].Split('.'))
        {
            node = node?[part];
        }

        return node;
    }

    private static void Set(JsonObject document, string path, JsonNode value)
    {
        var parts = path[2..].Split('.');
        var parent = document;
        foreach (var part in parts[..^1])
        {
            parent = (parent[part] ??= new JsonObject()).AsObject();
        }

        parent[parts[^1]] = value;
    }

    [GeneratedRegex(@"^States\.Format\('(?<template>[^']*)', (?<path>\$[.\w]+)\)$")]
    private static partial Regex Format();

    [GeneratedRegex(@"^States\.JsonToString\((?<path>\$[.\w]+)\)$")]
    private static partial Regex JsonToString();
}

/// <summary>Where a failure route ended (RecordFailure, or a Fail state), with the phase and error it carries there.</summary>
internal sealed record RouteEnd(string State, string? Phase, TaskError Error);

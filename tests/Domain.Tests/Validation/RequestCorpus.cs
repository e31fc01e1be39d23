using System.Text.Json.Nodes;

namespace Wso2Serverless.Domain.Tests.Validation;

/// <summary>
/// Deployment requests, valid and invalid, generated from the schema itself: every member the
/// schema declares (nested ones, map entries and list items included) is removed, and set to
/// every value of a pool of near-misses (each type, limits ±1, reserved names, secrets, URLs,
/// control characters), alone and in pairs. A member or a rule added to the schema is
/// exercised without touching this file; a rule added to the validator alone meets values that
/// make it disagree with the schema.
/// </summary>
internal static class RequestCorpus
{
    /// <summary>A request that uses every member, valid.</summary>
    public const string Full = """
        {
          "environment": "dev",
          "stackName": "wso2-dev",
          "template": "https://wso2-templates.s3.eu-west-1.amazonaws.com/templates/pattern-1.yaml",
          "parameters": { "KeyPairName": "ops", "WSO2InstanceType": "t3.large", "AdminPasswordParameterName": "/wso2/dev/admin" },
          "secrets": { "DBPassword": "/wso2/dev/db-password" },
          "rebuild": true,
          "agents": [ { "role": "apim", "maxConcurrency": "1" }, "mi" ],
          "timeouts": { "removeOldSeconds": 1800, "createStackSeconds": 3600, "puppetMasterSeconds": 1800, "puppetMasterHeartbeatSeconds": 900,
                        "databaseScriptsSeconds": 900, "agentSeconds": 1800, "verifySeconds": 300, "maxWaitAttempts": 2 },
          "failurePolicy": "keep",
          "notification": { "topicArn": "arn:aws:sns:eu-west-1:123456789012:team", "notifyOnSuccess": true, "subjectPrefix": "[dev]" },
          "trigger": "api"
        }
        """;

    public const string Minimal = """{ "environment": "dev", "stackName": "wso2-dev" }""";

    /// <summary>Values every member is set to.</summary>
    public static IReadOnlyList<JsonNode?> Values { get; } = BuildValues();

    /// <summary>Names a map (parameters, secrets) gets entries under.</summary>
    public static IReadOnlyList<string> MapNames { get; } =
    [
        "KeyPairName", "DBPassword", "DBPasswordName", "ApiKey", "AdminPasswordParameterName", "SecretArn", "TokenId", "Credentials",
        "EnvironmentName", "DeploymentId", "a-b", "with space", "", new string('P', 255), new string('P', 256), "Passwd", "KEYSTORE",
    ];

    /// <summary>Values a map entry gets.</summary>
    public static IReadOnlyList<JsonNode?> MapValues { get; } =
    [
        "ops", "Sup3rSecret!", "/wso2/dev/db-password", "wso2/dev/db-password", "arn:aws:ssm:eu-west-1:123456789012:parameter/x",
        "{{resolve:ssm-secure:x}}", "", "a b", 1, true, null, new JsonObject(),
    ];

    public static IEnumerable<(string Name, JsonNode? Input)> All(JsonObject schema, int pairs = 400)
    {
        var singles = Singles(schema).ToList();
        foreach (var single in singles)
        {
            yield return single;
        }

        // Pairs: every problem must be reported at once, by both.
        var mutations = Mutations(schema).ToList();
        var random = new Random(13);
        for (var i = 0; i < pairs; i++)
        {
            var (nameA, a) = singles[random.Next(singles.Count)];
            var b = mutations[random.Next(mutations.Count)];
            if (a?.DeepClone() is JsonObject both)
            {
                b.Apply(both);
                yield return ($"{nameA} + {b.Name}", both);
            }
        }

        foreach (var value in Values)
        {
            yield return ($"whole request = {Show(value)}", value?.DeepClone());
        }
    }

    /// <summary>Every single mutation applied to both base requests, and the bases themselves.</summary>
    private static IEnumerable<(string Name, JsonNode? Input)> Singles(JsonObject schema)
    {
        foreach (var (label, text) in new[] { ("full", Full), ("minimal", Minimal) })
        {
            yield return (label, JsonNode.Parse(text));
            foreach (var mutation in Mutations(schema))
            {
                var input = JsonNode.Parse(text)!.AsObject();
                mutation.Apply(input);
                yield return ($"{label}: {mutation.Name}", input);
            }
        }
    }

    /// <summary>The mutations, found by walking the schema's members.</summary>
    public static IEnumerable<Mutation> Mutations(JsonObject schema)
    {
        yield return new("unknown member $.foo", r => r["foo"] = 1);
        foreach (var mutation in Members(schema, []))
        {
            yield return mutation;
        }
    }

    private static IEnumerable<Mutation> Members(JsonObject schema, string[] at)
    {
        foreach (var (name, node) in schema["properties"]?.AsObject() ?? [])
        {
            var member = node!.AsObject();
            string[] path = [.. at, name];
            var label = "$." + string.Join('.', path);
            yield return new($"remove {label}", r => Parent(r, path)?.Remove(name));
            foreach (var value in Values)
            {
                yield return new($"{label} = {Show(value)}", r => Set(r, path, value?.DeepClone()));
            }

            if (member["properties"] is not null)
            {
                yield return new($"unknown member {label}.foo", r => Set(r, [.. path, "foo"], 1));
                foreach (var nested in Members(member, path))
                {
                    yield return nested;
                }
            }

            if (member["additionalProperties"] is JsonObject)
            {
                foreach (var key in MapNames)
                {
                    foreach (var value in MapValues)
                    {
                        yield return new($"{label}[\"{key}\"] = {Show(value)}", r => Set(r, [.. path, key], value?.DeepClone()));
                    }
                }
            }

            if (member["items"] is JsonObject items)
            {
                foreach (var value in Values)
                {
                    yield return new($"{label}[0] = {Show(value)}", r => SetItem(r, path, 0, value?.DeepClone()));
                    yield return new($"{label}[+] = {Show(value)}", r => SetItem(r, path, -1, value?.DeepClone()));
                }

                var objectBranch = items["anyOf"]?.AsArray().Select(b => b!.AsObject()).FirstOrDefault(b => b["properties"] is not null) ?? items;
                foreach (var (itemMember, _) in objectBranch["properties"]?.AsObject() ?? [])
                {
                    foreach (var value in Values)
                    {
                        yield return new($"{label}[0].{itemMember} = {Show(value)}", r => SetItemMember(r, path, itemMember, value?.DeepClone()));
                    }
                }

                yield return new($"{label}[0].foo", r => SetItemMember(r, path, "foo", 1));
            }
        }
    }

    private static List<JsonNode?> BuildValues()
    {
        var values = new List<JsonNode?>
        {
            null, true, false, new JsonObject(), new JsonArray(), new JsonArray("apim"), new JsonArray("apim", "apim"),
            new JsonArray("mi", new JsonObject { ["role"] = "mi" }),
            new JsonObject { ["role"] = "apim" }, new JsonObject { ["role"] = "mi", ["maxConcurrency"] = 2 }, new JsonObject { ["role"] = "db" },
            new JsonObject { ["role"] = "apim", ["x"] = 1 }, new JsonObject { ["maxConcurrency"] = "1" },
            0, 1, 2, 10, 11, 59, 60, 61, 900, 1800, 3600, 86400, 86401, -1, 1.5, 9999, 10000, 2147483648L,
            JsonNode.Parse("60.0"), JsonNode.Parse("1e2"),
        };
        string[] strings =
        [
            "", "dev", "Dev", "d", new string('a', 32), new string('a', 33), "dev-1", "1dev", "dev_1", "wso2-dev", "W" + new string('a', 23),
            "W" + new string('a', 24), "bundled", "Bundled", "keep", "delete", "KEEP", "apim", "mi", "console", "api", "schedule", "1", "50%",
            "0", "100%", "10000", "9999", "9999%", "1.5", " 1", "/wso2/dev/db-password", "wso2/dev/db-password", "/wso2/dev/db password",
            "/", "//x", "arn:aws:ssm:eu-west-1:123456789012:parameter/x", "{{resolve:ssm-secure:x}}", "Sup3rSecret!", "p@ss word",
            "https://b.s3.eu-west-1.amazonaws.com/t/x.yaml", "https://b.s3.amazonaws.com/x.yaml", "https://b.s3.amazonaws.com",
            "https://b.s3.amazonaws.com/", "HTTPS://b.s3.amazonaws.com/k", "http://b.s3.amazonaws.com/k", "https://example.com/k",
            "https://b.s3.amazonaws.com.evil.example/k", "https://user@b.s3.amazonaws.com/k", "https://b.S3.amazonaws.com/k",
            "https://b.s3.amazonaws.com:443/k", "https://b.s3.amazonaws.com/a b",
            "arn:aws:sns:eu-west-1:123456789012:team", "arn:aws:sns:eu-west-1:1234:team", "arn:aws-cn:sns:cn-north-1:123456789012:t",
            "arn:aws:sqs:eu-west-1:123456789012:team", "[dev]", new string('x', 40), new string('x', 41), new string('x', 39) + "\U0001F600",
            new string('x', 40) + "\U0001F600", "a\nb", "tab\tx", "bell\u0007", "del\u007f", "é",
        ];
        values.AddRange(strings.Select(s => (JsonNode?)JsonValue.Create(s)));
        return values;
    }

    private static JsonObject? Parent(JsonObject root, string[] path)
    {
        JsonNode? node = root;
        foreach (var part in path[..^1])
        {
            node = node is JsonObject o ? o[part] : null;
        }

        return node as JsonObject;
    }

    private static void Set(JsonObject root, string[] path, JsonNode? value)
    {
        var node = root;
        foreach (var part in path[..^1])
        {
            if (node[part] is not JsonObject child)
            {
                child = [];
                node[part] = child;
            }

            node = child;
        }

        node[path[^1]] = value;
    }

    private static JsonArray Items(JsonObject root, string[] path)
    {
        if (Parent(root, path)?[path[^1]] is JsonArray items)
        {
            return items;
        }

        var created = new JsonArray(new JsonObject { ["role"] = "apim" });
        Set(root, path, created);
        return created;
    }

    private static void SetItem(JsonObject root, string[] path, int index, JsonNode? value)
    {
        var items = Items(root, path);
        if (index < 0 || index >= items.Count)
        {
            items.Add(value);
        }
        else
        {
            items[index] = value;
        }
    }

    private static void SetItemMember(JsonObject root, string[] path, string member, JsonNode? value)
    {
        var items = Items(root, path);
        if (items[0] is not JsonObject first)
        {
            first = new JsonObject { ["role"] = "apim" };
            items[0] = first;
        }

        first[member] = value;
    }

    private static string Show(JsonNode? value)
    {
        var text = value?.ToJsonString() ?? "null";
        return text.Length <= 40 ? text : text[..37] + "...";
    }
}

/// <summary>One change to a request, named for the failure message.</summary>
internal sealed record Mutation(string Name, Action<JsonObject> Apply);

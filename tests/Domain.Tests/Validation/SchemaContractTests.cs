using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Wso2Serverless.Domain.Validation;

namespace Wso2Serverless.Domain.Tests.Validation;

/// <summary>
/// deployment-input.schema.json is the input contract: on thousands of requests generated from
/// it, the schema (evaluated by JsonSchema.Net, an implementation we did not write) and
/// <see cref="DeploymentRequestValidator"/> accept the same ones and refuse the others at the
/// same field paths. A rule added to one side only makes this fail; the few rules JSON Schema
/// cannot express are listed in <see cref="BeyondTheSchema"/>, each with the input it applies to.
/// </summary>
public sealed class SchemaContractTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Cross-field rules JSON Schema has no words for. Each says which path it speaks for and
    /// when: the comparison leaves that path out only for the inputs where the rule applies.
    /// </summary>
    private static readonly (string Rule, Func<string, JsonElement, bool> Applies)[] BeyondTheSchema =
    [
        ("a heartbeat longer than its whole wait never fires",
            (path, input) => path == "$.timeouts.puppetMasterHeartbeatSeconds" && HeartbeatLongerThanWait(input)),
        ("an interval between looks longer than the whole Verify wait allows no second look",
            (path, input) => path == "$.timeouts.verifyIntervalSeconds" && IntervalLongerThanVerify(input)),
        ("a secret's reference and a parameter of the same name conflict",
            (path, input) => path.StartsWith("$.secrets.", StringComparison.Ordinal) && ParameterNamed(input, DeploymentRequestValidator.SecretParameterName(path["$.secrets.".Length..]))),
    ];

    [Fact]
    public void TheSchemaAndTheValidator_AgreeOnEveryRequestOfTheCorpus()
    {
        var schema = SchemaEvaluation.Load();
        var disagreements = Disagreements(schema).Take(int.TryParse(Environment.GetEnvironmentVariable("CONTRACT_SHOW"), out var n) ? n : 25).ToList();

        disagreements.Should().BeEmpty("the contract holds on every request; the first disagreements:\n" + string.Join("\n", disagreements));
    }

    [Fact]
    public void TheCorpus_CoversEveryMemberAndMixesValidWithInvalid()
    {
        var schema = SchemaEvaluation.Load();
        var corpus = RequestCorpus.All(SchemaJson()).ToList();
        var valid = corpus.Count(c => SchemaEvaluation.Refusals(schema, Element(c.Input)).Count == 0);

        corpus.Count.Should().BeGreaterThan(2000);
        valid.Should().BeGreaterThan(100, "valid requests are compared too");
        (corpus.Count - valid).Should().BeGreaterThan(1000);
        foreach (var member in Members(SchemaJson(), "$"))
        {
            corpus.Should().Contain(c => c.Name.Contains(member + " = ", StringComparison.Ordinal), $"{member} is exercised");
        }
    }

    [Theory]
    [InlineData("/properties/notification/properties/subjectPrefix/maxLength")]
    [InlineData("/properties/environment/pattern")]
    [InlineData("/properties/timeouts/properties/maxWaitAttempts/maximum")]
    [InlineData("/properties/parameters/patternProperties")]
    public void ARuleMissingFromTheSchema_IsCaught(string rule)
    {
        // The comparison must be able to fail: drop one rule from the schema, as drift would.
        var schema = SchemaJson();
        var segments = rule.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var parent = segments[..^1].Aggregate((JsonNode)schema, (node, part) => node[part]!).AsObject();
        parent.Remove(segments[^1]).Should().BeTrue($"{rule} exists");

        Disagreements(SchemaEvaluation.Load(schema.ToJsonString())).Should().NotBeEmpty();
    }

    [Fact]
    public void TheSchemasExample_IsValidForBoth()
    {
        var example = SchemaJson()["examples"]![0]!;

        SchemaEvaluation.Refusals(SchemaEvaluation.Load(), Element(example)).Should().BeEmpty();
        DeploymentRequestValidator.Validate(Element(example), "d", At).Problems.Should().BeEmpty();
    }

    private static IEnumerable<string> Disagreements(JsonSchema schema)
    {
        foreach (var (name, input) in RequestCorpus.All(SchemaJson()))
        {
            var element = Element(input);
            bool Compared(string path) => !BeyondTheSchema.Any(b => b.Applies(path, element));
            var bySchema = SchemaEvaluation.Refusals(schema, element).Where(Compared).ToHashSet(StringComparer.Ordinal);
            var byValidator = DeploymentRequestValidator.Validate(element, "contract", At).Problems
                .Select(p => p.Path)
                .Where(Compared)
                .ToHashSet(StringComparer.Ordinal);
            if (!bySchema.SetEquals(byValidator))
            {
                yield return $"{name}: schema refuses [{string.Join(", ", bySchema.Order(StringComparer.Ordinal))}], validator refuses [{string.Join(", ", byValidator.Order(StringComparer.Ordinal))}]";
            }
        }
    }

    /// <summary>The validator's own rule: the heartbeat (valid, else 900) exceeds the whole wait (valid, else 1800).</summary>
    private static bool HeartbeatLongerThanWait(JsonElement input) =>
        Timeouts(input) is { } t && Seconds(t, "puppetMasterHeartbeatSeconds", 900, 60) > Seconds(t, "puppetMasterSeconds", 1800, 60);

    private static bool IntervalLongerThanVerify(JsonElement input) =>
        Timeouts(input) is { } t && Seconds(t, "verifyIntervalSeconds", 60, 10) > Seconds(t, "verifySeconds", 300, 60);

    private static JsonElement? Timeouts(JsonElement input) =>
        input.ValueKind == JsonValueKind.Object && input.TryGetProperty("timeouts", out var t) && t.ValueKind == JsonValueKind.Object ? t : null;

    /// <summary>A timeout as the validator reads it: a whole number in range, or the default.</summary>
    private static double Seconds(JsonElement timeouts, string name, double fallback, double minimum) =>
        timeouts.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d)
        && d == Math.Floor(d) && d >= minimum && d <= 86_400 ? d : fallback;

    private static bool ParameterNamed(JsonElement input, string name) =>
        input.ValueKind == JsonValueKind.Object && input.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty(name, out _);

    /// <summary>Every member path the schema declares (not map entries), as the corpus names them.</summary>
    private static IEnumerable<string> Members(JsonObject schema, string at)
    {
        foreach (var (name, node) in schema["properties"]?.AsObject() ?? [])
        {
            var path = $"{at}.{name}";
            yield return path;
            foreach (var nested in Members(node!.AsObject(), path))
            {
                yield return nested;
            }
        }
    }

    private static JsonObject SchemaJson() => JsonNode.Parse(File.ReadAllText(SchemaEvaluation.SchemaPath))!.AsObject();

    private static JsonElement Element(JsonNode? node)
    {
        using var document = JsonDocument.Parse(node?.ToJsonString() ?? "null");
        return document.RootElement.Clone();
    }
}

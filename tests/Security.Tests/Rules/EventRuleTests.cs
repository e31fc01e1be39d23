using System.Text.Json.Nodes;
using Wso2Serverless.Security.Tests.Support;

namespace Wso2Serverless.Security.Tests.Rules;

/// <summary>
/// #11 "noise" and "forged signals", at the rules: serverless.template's event patterns (after the
/// SAM transform, resolved for one account) matched by moto's EventBridge matcher against real-shaped
/// events, our samples and AWS's published ones. The stack rule takes only operations this
/// orchestrator started on product stacks, never its own stack; the signal rule takes every
/// environment's source and nothing else.
/// </summary>
public sealed class EventRuleTests
{
    private const string Orchestrator = "wso2-orchestrator";

    /// <summary>The samples' account and region; a prefix that covers the orchestrator's own stack too, so the exclusion must hold by itself.</summary>
    private static IamProfile Profile => new("123456789012", "us-east-1", Orchestrator)
    {
        Parameters = new()
        {
            ["StackNamePrefix"] = "wso2-",
            ["TemplateBucketName"] = "wso2-templates",
            ["DatabaseDocumentName"] = "wso2-run-database-scripts",
            ["AgentDocumentName"] = "wso2-run-puppet-agent",
        },
        Physical = new() { ["DeploymentStateMachine"] = new() { ["Ref"] = "arn:aws:states:us-east-1:123456789012:stateMachine:wso2-deployment" } },
    };

    private static JsonObject Sample(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Events", "samples", name)))!.AsObject();

    private static JsonObject With(string name, Action<JsonObject> change)
    {
        var e = Sample(name);
        change(e);
        return e;
    }

    private static void Stack(JsonObject e, string stackName, string token)
    {
        var id = $"arn:aws:cloudformation:us-east-1:123456789012:stack/{stackName}/5b1f3c40-cd21-11f0-9d4e-0a8b7c6d5e4f";
        e["resources"] = new JsonArray(id);
        e["detail"]!["stack-id"] = id;
        e["detail"]!["client-request-token"] = token;
    }

    private static readonly (string Name, Func<JsonObject> Event, string? MatchedBy)[] Cases =
    [
        ("our stack's CREATE_COMPLETE", () => Sample("stack-create-complete.json"), "StackStatusRule"),
        ("our stack's ROLLBACK_COMPLETE", () => Sample("stack-rollback-complete.json"), "StackStatusRule"),
        ("AWS's published stack sample (another account, no token)", () => Sample("aws-cloudformation-stack-status-change.json"), null),
        ("a stack under the prefix, created from the console", () => With("stack-create-complete.json", e => Stack(e, "wso2-dev", "Console-CreateStack-7f59c3cf-00d2-40c7-b2ff-e75db0987002")), null),
        ("the orchestrator's own stack, even with our token's prefix", () => With("stack-create-complete.json", e => Stack(e, Orchestrator, "wso2o-anything-1")), null),
        ("a stack outside the prefix", () => With("stack-create-complete.json", e => Stack(e, "billing", "wso2o-x-CreateStack-1")), null),
        ("dev's READY", () => Sample("signal-ready.json"), "PuppetMasterSignalRule"),
        ("qa's FAILED", () => With("signal-failed.json", e => e["source"] = "wso2.orchestrator.qa"), "PuppetMasterSignalRule"),
        ("a signal under the old shared source", () => With("signal-ready.json", e => e["source"] = "wso2.orchestrator"), null),
        ("a signal of another detail type", () => With("signal-ready.json", e => e["detail-type"] = "Something Else"), null),
        ("our document's command", () => Sample("ssm-command-success.json"), "CommandStatusRule"),
        ("AWS's published command sample (another document)", () => Sample("aws-ssm-command-status-change.json"), null),
        ("our deployment execution ABORTED", () => Sample("states-execution-aborted.json"), "ExecutionStatusRule"),
        ("AWS's published ABORTED (another machine)", () => Sample("aws-states-execution-aborted.json"), null),
        ("an EC2 state change", () => Sample("unrelated-ec2-state-change.json"), null),
    ];

    public static TheoryData<string> CaseNames => [.. Cases.Select(c => c.Name)];

    private static readonly Lazy<Task<JsonObject>> Matches = new(async () =>
    {
        var input = new JsonObject
        {
            ["profile"] = JsonNode.Parse(Profile.ToJson()),
            ["events"] = new JsonArray([.. Cases.Select(c => (JsonNode)c.Event())]),
        };
        return JsonNode.Parse(await Processes.RunAsync("python3", [Path.Combine("tools", "iam", "match_rules.py")], input.ToJsonString(),
            new Dictionary<string, string> { ["AWS_DEFAULT_REGION"] = "us-east-1" }))!.AsObject();
    });

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task EachEvent_IsMatchedByItsRuleOnly(string name)
    {
        var index = Array.FindIndex(Cases, c => c.Name == name);
        var matches = await Matches.Value;
        var matchedBy = matches.Where(rule => (bool)rule.Value![index]!).Select(rule => rule.Key).ToList();

        matchedBy.Should().BeEquivalentTo(Cases[index].MatchedBy is { } rule ? [rule] : Array.Empty<string>(), name);
    }

    [Fact]
    public async Task EveryPatternRule_IsExercised() =>
        (await Matches.Value).Select(r => r.Key).Should().BeEquivalentTo(Cases.Where(c => c.MatchedBy is not null).Select(c => c.MatchedBy).Distinct());
}

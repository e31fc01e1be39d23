using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Templates.Tests.Support;

namespace Wso2Serverless.Templates.Tests.ServerlessTemplate;

/// <summary>serverless.template stays in step with the function catalog, the ASL files and the settings.</summary>
public sealed partial class ServerlessTemplateSyncTests
{
    private static IReadOnlyList<(string Id, string Handler)> FunctionResources() =>
        [.. ServerlessTemplateFile.OfType("AWS::Serverless::Function").Select(f => (f.Id, (string)f.Properties["Handler"]!))];

    [Fact]
    public void EveryCatalogFunction_HasExactlyOneFunctionResource()
    {
        var resources = FunctionResources();

        foreach (var function in FunctionCatalog.All)
        {
            resources.Count(r => r.Handler == function.Handler).Should().Be(1, $"handler '{function.Handler}' needs exactly one AWS::Serverless::Function");
        }
    }

    [Fact]
    public void EveryFunctionResource_RunsARegisteredHandler()
    {
        foreach (var (id, handler) in FunctionResources())
        {
            FunctionCatalog.Find(handler).Should().NotBeNull($"{id} runs handler '{handler}', which the bootstrap does not know");
        }
    }

    [Fact]
    public void FunctionResources_RunTheAotBootstrapOnProvidedAl2023()
    {
        var globals = ServerlessTemplateFile.Template["Globals"]!["Function"]!;

        ((string?)globals["Runtime"]).Should().Be("provided.al2023");
        ((string?)globals["CodeUri"]).Should().Be("artifacts/bootstrap.zip");
        ServerlessTemplateFile.Strings(globals["Architectures"]).Should().Equal("x86_64");
        foreach (var (id, properties) in ServerlessTemplateFile.OfType("AWS::Serverless::Function"))
        {
            properties["MemorySize"].Should().NotBeNull($"{id} sizes its memory");
            properties["Timeout"].Should().NotBeNull($"{id} sizes its timeout");
            ((string?)properties["Description"]).Should().Contain("MB", $"{id} says why it is sized so");
        }
    }

    public static TheoryData<string> StateMachineFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, "src", "StateMachine"), "*.asl.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void StateMachines_IncludeDeploymentAndTeardown() =>
        StateMachineFiles().Select(r => r.Data).Should().Contain(["deployment.asl.json", "teardown.asl.json"]);

    [Theory]
    [MemberData(nameof(StateMachineFiles))]
    public void EveryPlaceholder_IsDefinedInItsMachinesSubstitutions(string file)
    {
        var machine = ServerlessTemplateFile.OfType("AWS::Serverless::StateMachine")
            .Where(m => (string?)m.Properties["DefinitionUri"] == $"src/StateMachine/{file}")
            .Should().ContainSingle($"{file} is deployed by exactly one state machine").Subject;
        var substitutions = machine.Properties["DefinitionSubstitutions"]!.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var placeholders = Placeholder().Matches(File.ReadAllText(Path.Combine(Repo.Root, "src", "StateMachine", file))).Select(m => m.Groups[1].Value).Distinct();

        placeholders.Should().NotBeEmpty();
        placeholders.Where(p => !substitutions.Contains(p)).Should().BeEmpty($"every ${{...}} in {file} must be substituted");
    }

    [Fact]
    public void NoIamStatement_GrantsAStarAction()
    {
        var statements = ServerlessTemplateFile.Statements().ToList();

        statements.Should().NotBeEmpty();
        foreach (var (where, statement) in statements)
        {
            var actions = ServerlessTemplateFile.Strings(statement["Action"]).ToList();
            actions.Should().NotBeEmpty($"a statement in {where} names its actions");
            actions.Should().NotContain(a => a == "*" || a.EndsWith(":*", StringComparison.Ordinal), $"{where} must list actions, not wildcards");
            statement["NotAction"].Should().BeNull($"{where} must not grant by exclusion");
        }
    }

    [Fact]
    public void OnlyTheCreateStackFunction_MayPassTheStackRole()
    {
        var passers = ServerlessTemplateFile.OfType("AWS::Serverless::Function")
            .Where(f => ServerlessTemplateFile.Statements().Any(s => s.Where == f.Id && ServerlessTemplateFile.Strings(s.Statement["Action"]).Contains("iam:PassRole")))
            .Select(f => (string)f.Properties["Handler"]!);

        passers.Should().Equal(HandlerNames.CreateStack);
    }

    [Fact]
    public void EnvironmentVariables_AreOnesTheSettingsRead()
    {
        var read = new HashSet<string>(StringComparer.Ordinal);
        OrchestratorSettings.FromEnvironment(name => { read.Add(name); return null; });
        var set = new List<string>();
        set.AddRange(Variables(ServerlessTemplateFile.Template["Globals"]!["Function"]!));
        foreach (var (_, properties) in ServerlessTemplateFile.OfType("AWS::Serverless::Function"))
        {
            set.AddRange(Variables(properties));
        }

        set.Should().Contain("TABLE_NAME");
        set.Where(v => !read.Contains(v)).Should().BeEmpty("every variable the template sets is one OrchestratorSettings reads");
    }

    [Fact]
    public void Table_MatchesThePhaseTableLayout()
    {
        var table = ServerlessTemplateFile.OfType("AWS::DynamoDB::Table").Should().ContainSingle().Subject.Properties;

        ((string?)table["BillingMode"]).Should().Be("PAY_PER_REQUEST");
        ((string?)table["TimeToLiveSpecification"]!["AttributeName"]).Should().Be(Wso2Serverless.Aws.DynamoDb.PhaseTable.TimeToLive);
        ((bool?)table["PointInTimeRecoverySpecification"]!["PointInTimeRecoveryEnabled"]).Should().BeTrue();
        ServerlessTemplateFile.Strings(new JsonArray([.. table["KeySchema"]!.AsArray().Select(k => k!["AttributeName"]!.DeepClone())]))
            .Should().Equal(Wso2Serverless.Aws.DynamoDb.PhaseTable.PartitionKey, Wso2Serverless.Aws.DynamoDb.PhaseTable.SortKey);
        var index = table["GlobalSecondaryIndexes"]!.AsArray().Should().ContainSingle().Subject!;
        ((string?)index["IndexName"]).Should().Be(Wso2Serverless.Aws.DynamoDb.PhaseTable.Gsi1);
    }

    [Fact]
    public void EventRules_CoverTheFourSourcesWithDeadLettersAndRetries()
    {
        var rules = ServerlessTemplateFile.OfType("AWS::Events::Rule").Where(r => r.Properties["EventPattern"] is not null).ToList();
        var patterns = rules.SelectMany(r => r.Properties["EventPattern"]!["source"]!.AsArray()).ToList();
        var sources = patterns.SelectMany(p => ServerlessTemplateFile.Strings(p)).ToList();
        var prefixes = patterns.Where(p => p is JsonObject).Select(p => (string?)p!["prefix"]).ToList();

        sources.Should().BeEquivalentTo(["aws.cloudformation", "aws.ssm", "aws.states"]);
        prefixes.Should().Equal(Domain.Events.EventSources.SignalSourcePrefix);
        foreach (var (id, properties) in ServerlessTemplateFile.OfType("AWS::Events::Rule"))
        {
            var target = properties["Targets"]!.AsArray().Should().ContainSingle().Subject!;
            target["DeadLetterConfig"].Should().NotBeNull($"{id} keeps undeliverable events");
            target["RetryPolicy"].Should().NotBeNull($"{id} retries delivery");
        }
    }

    [GeneratedRegex(@"\$\{([A-Za-z0-9_.:]+)\}")]
    private static partial Regex Placeholder();

    private static IEnumerable<string> Variables(JsonNode function) =>
        function["Environment"]?["Variables"]?.AsObject().Select(v => v.Key) ?? [];
}

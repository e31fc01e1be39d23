using Wso2Serverless.Simulator.Cli;
using Wso2Serverless.Simulator.Scenarios;
using Wso2Serverless.Simulator.Serve;

namespace Wso2Serverless.Simulator.Tests.Serve;

/// <summary>simulate --serve's flags, and which scenarios a served world can play.</summary>
public sealed class ServeOptionsTests
{
    [Fact]
    public void Parse_Serve_DefaultsToPort3000_AndReadsPortScenarioSeedAndPace()
    {
        var (plain, _) = CommandLine.Parse(["--serve"]);
        var (full, error) = CommandLine.Parse(["--serve", "--port", "0", "--scenario", "apim-agent-fails", "--seed", "4", "--pace", "600", "--quiet"]);

        plain!.Serve.Should().BeTrue();
        plain.Port.Should().Be(3000);
        error.Should().BeNull();
        full.Should().Be(new CommandLine { Serve = true, Port = 0, Scenario = "apim-agent-fails", Seed = 4, Pace = 600, Quiet = true });
    }

    [Theory]
    [InlineData("--port 70000", "--port takes a port number")]
    [InlineData("--port -1", "--port takes a port number")]
    [InlineData("--port 8080", "--port goes with --serve")]
    [InlineData("--serve --environments 3", "--environments does not go with --serve")]
    [InlineData("--serve --json r.json", "--json does not go with --serve")]
    public void Parse_ServeFlagsThatCannotWork_AreUsageErrors(string args, string expected)
    {
        var (parsed, error) = CommandLine.Parse(args.Split(' '));

        parsed.Should().BeNull();
        error.Should().StartWith(expected);
    }

    [Theory]
    [InlineData("happy")]
    [InlineData("apim-agent-fails")]
    [InlineData("puppetmaster-failed")]
    [InlineData("duplicate-invocations")]
    [InlineData("abort")]
    public void Scenarios_ThatChangeTheWorld_AreServed(string name)
    {
        ServeScenarios.Refusal(ScenarioCatalog.Find(name)!).Should().BeNull();
    }

    [Theory]
    [InlineData("rebuild", "deploy once, then deploy again with \"rebuild\": true")]
    [InlineData("busy-environment", "start two deployments of one environment")]
    [InlineData("bad-input", "send that request")]
    public void Scenarios_ToldByTheirRequestOrSetUp_AreRefused_SayingHowToPlayThemWithRequests(string name, string advice)
    {
        ServeScenarios.Refusal(ScenarioCatalog.Find(name)!).Should().Contain(advice);
    }
    [Fact]
    public void Parse_ScenarioPerEnvironment_IsRepeatable_AndLeavesTheWorldsScenario()
    {
        var (parsed, error) = CommandLine.Parse(["--serve", "--scenario", "staging=apim-agent-fails", "--scenario", "qa=db-scripts-fail", "--scenario", "throttling"]);

        error.Should().BeNull();
        parsed!.Scenario.Should().Be("throttling");
        parsed.EnvironmentScenarios.Should().BeEquivalentTo(new Dictionary<string, string> { ["staging"] = "apim-agent-fails", ["qa"] = "db-scripts-fail" });
    }

    [Theory]
    [InlineData("--scenario staging=apim-agent-fails", "--scenario ENV=NAME goes with --serve")]
    [InlineData("--serve --scenario =apim-agent-fails", "--scenario ENV=NAME needs both")]
    [InlineData("--serve --scenario staging=", "--scenario ENV=NAME needs both")]
    public void Parse_ScenarioPerEnvironment_Misused_IsAUsageError(string args, string expected)
    {
        var (parsed, error) = CommandLine.Parse(args.Split(' '));

        parsed.Should().BeNull();
        error.Should().StartWith(expected);
    }

    [Fact]
    public void ForEnvironments_GivesEachEnvironmentItsScenario()
    {
        var (scenarios, error) = ServeScenarios.ForEnvironments(new Dictionary<string, string> { ["staging"] = "apim-agent-fails", ["qa"] = "stack-rollback" });

        error.Should().BeNull();
        scenarios!["staging"].Faults.FailingAgentRoles.Should().Equal("apim");
        scenarios["qa"].Faults.FailingStackResource.Should().Be("ApimNode1Group");
    }

    [Theory]
    [InlineData("nope", "no scenario 'nope'")]
    [InlineData("duplicate-invocations", "give it as --scenario duplicate-invocations")]
    [InlineData("throttling", "give it as --scenario throttling")]
    [InlineData("abort", "give it as --scenario abort")]
    [InlineData("rebuild", "deploy once, then deploy again")]
    public void ForEnvironments_WorldWideOrUnknownScenarios_AreRefused(string name, string expected)
    {
        var (scenarios, error) = ServeScenarios.ForEnvironments(new Dictionary<string, string> { ["staging"] = name });

        scenarios.Should().BeNull();
        error.Should().StartWith($"--scenario staging={name}: ").And.Contain(expected);
    }
    [Fact]
    public void Schedule_WaitsForRequests_PacedAtX120ByDefault_FromTheWallClocksSecond()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var schedule = ServeMode.Schedule(5, null);
        var paced = ServeMode.Schedule(5, 600);

        schedule.WaitForExternalWork.Should().BeTrue();
        schedule.Pace.Should().Be(120);
        paced.Pace.Should().Be(600);
        schedule.Seed.Should().Be(5);
        schedule.Origin.Should().BeOnOrAfter(before).And.BeOnOrBefore(DateTimeOffset.UtcNow);
        (schedule.Origin.UtcTicks % TimeSpan.TicksPerSecond).Should().Be(0);
    }
}

using Wso2Serverless.Simulator.Cli;

namespace Wso2Serverless.Simulator.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Parse_WithNoArguments_RunsHappyOnce()
    {
        var (parsed, error) = CommandLine.Parse([]);

        error.Should().BeNull();
        parsed!.Scenario.Should().Be("happy");
        parsed.Environments.Should().Be(1);
        parsed.Seed.Should().BeNull("a run without --seed draws one and prints it");
        parsed.Pace.Should().BeNull("virtual time jumps unless a pace is asked for");
    }

    [Fact]
    public void Parse_ReadsEveryOption()
    {
        var (parsed, _) = CommandLine.Parse(["--scenario", "abort", "--environments", "3", "--json", "r.json", "--keep", "--seed", "42", "--pace", "60", "--quiet"]);

        parsed.Should().Be(new CommandLine { Scenario = "abort", Environments = 3, JsonFile = "r.json", Keep = true, Seed = 42, Pace = 60, Quiet = true });
    }

    [Fact]
    public void Parse_ReadsTheChaosOptions()
    {
        var (parsed, error) = CommandLine.Parse(["--chaos", "--runs", "1000", "--seed", "7", "--parallel", "2"]);

        error.Should().BeNull();
        parsed.Should().Be(new CommandLine { Chaos = true, Runs = 1000, Seed = 7, Parallel = 2 });
        CommandLine.Parse(["--chaos"]).Parsed!.Runs.Should().Be(20);
    }

    [Theory]
    [InlineData("--runs", "0")]
    [InlineData("--runs", "lots")]
    [InlineData("--parallel", "0")]
    public void Parse_WithABadChaosValue_ReportsAnError(string flag, string value)
    {
        var (parsed, error) = CommandLine.Parse(["--chaos", flag, value]);

        parsed.Should().BeNull();
        error.Should().Contain(flag);
    }

    [Theory]
    [InlineData("--environments", "0")]
    [InlineData("--environments", "many")]
    [InlineData("--seed", "-1")]
    [InlineData("--seed", "1.5")]
    [InlineData("--pace", "0")]
    [InlineData("--pace", "fast")]
    [InlineData("--speed", "200")]
    [InlineData("--bogus", "x")]
    public void Parse_WithABadValue_ReportsAnError(string flag, string value)
    {
        var (parsed, error) = CommandLine.Parse([flag, value]);

        parsed.Should().BeNull();
        error.Should().NotBeNullOrEmpty();
    }
}

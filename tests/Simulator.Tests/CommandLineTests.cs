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
    }

    [Fact]
    public void Parse_ReadsEveryOption()
    {
        var (parsed, _) = CommandLine.Parse(["--scenario", "abort", "--environments", "3", "--json", "r.json", "--keep", "--speed", "500", "--quiet"]);

        parsed.Should().Be(new CommandLine { Scenario = "abort", Environments = 3, JsonFile = "r.json", Keep = true, Speed = 500, Quiet = true });
    }

    [Theory]
    [InlineData("--environments", "0")]
    [InlineData("--environments", "many")]
    [InlineData("--speed", "0.5")]
    [InlineData("--bogus", "x")]
    public void Parse_WithABadValue_ReportsAnError(string flag, string value)
    {
        var (parsed, error) = CommandLine.Parse([flag, value]);

        parsed.Should().BeNull();
        error.Should().NotBeNullOrEmpty();
    }
}

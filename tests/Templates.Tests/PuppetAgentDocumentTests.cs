using Wso2Serverless.Templates.Tests.Support;

namespace Wso2Serverless.Templates.Tests;

/// <summary>The deployed run-puppet-agent script, run under bash against stand-in commands.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PuppetAgentDocumentTests : IDisposable
{
    private readonly ShellSandbox _sandbox = new();
    private readonly CommandDocument _document = CommandDocument.Load(Repo.Document("run-puppet-agent.yaml"));

    public PuppetAgentDocumentTests() => _sandbox.WriteConf("node.env", $"""
        ROLE=apim
        DEPLOYMENT_ID=dep-1
        REGION=eu-west-1
        PUPPET_BIN=puppet
        PRODUCT_START={_sandbox.Bin}/start-product
        HEALTH_URL=https://localhost:9443/carbon/admin/login.jsp
        CONFIGURE_HOOK=

        """);

    private Task<ProcessResult> RunAsync(string role = "apim", string healthTimeout = "3") =>
        _sandbox.RunAsync(_document.Render(new Dictionary<string, string> { ["Role"] = role, ["HealthTimeoutSeconds"] = healthTimeout }));

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task Run_WhenPuppetSucceeds_ExitsZeroAfterHealthCheck(int puppetExit)
    {
        _sandbox.Environment["STANDIN_PUPPET_EXIT"] = puppetExit.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var result = await RunAsync();

        result.ExitCode.Should().Be(0, result.Output);
        result.LastLine.Should().StartWith("OK: role apim healthy");
        _sandbox.RecordedArgv.Should().Contain("puppet agent -t --color=false --environment production");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(6)]
    public async Task Run_WhenPuppetFails_PassesCodeThroughWithErrorLinesFirst(int puppetExit)
    {
        _sandbox.Environment["STANDIN_PUPPET_EXIT"] = puppetExit.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var result = await RunAsync();

        result.ExitCode.Should().Be(puppetExit, result.Output);
        var error = result.Output.IndexOf("Error: Could not retrieve catalog", StringComparison.Ordinal);
        var tail = result.Output.IndexOf("--- last", StringComparison.Ordinal);
        error.Should().BeGreaterThan(-1, "the Error line is early in a long log, outside the tail");
        error.Should().BeLessThan(tail, "Error lines come before the tail");
        result.LastLine.Should().StartWith($"FAILED: puppet agent exited with {puppetExit}");
        _sandbox.RecordedArgv.Should().NotContain("start-product", "the product is not started after a failed Puppet run");
    }

    [Fact]
    public async Task Run_WhenPuppetAppliedChangesToARunningProduct_RestartsIt()
    {
        _sandbox.Environment["STANDIN_PUPPET_EXIT"] = "2";

        var result = await RunAsync();

        result.ExitCode.Should().Be(0, result.Output);
        _sandbox.RecordedArgv.Should().Contain("start-product restart");
    }

    [Fact]
    public async Task Run_WhenHealthNeverAnswers_FailsWithNineAfterBoundedAttempts()
    {
        _sandbox.Environment["STANDIN_CURL_EXIT"] = "7";

        var result = await RunAsync(healthTimeout: "3");

        result.ExitCode.Should().Be(9, result.Output);
        result.LastLine.Should().Contain("not healthy at https://localhost:9443/carbon/admin/login.jsp within 3s");
        _sandbox.RecordedArgv.Should().Contain("start-product start");
        // One probe before starting, then three attempts one interval apart.
        _sandbox.RecordedArgv.Split('\n').Count(l => l.StartsWith("curl ", StringComparison.Ordinal)).Should().Be(4);
    }

    [Fact]
    public async Task Run_WhenStartScriptFails_FailsWithEight()
    {
        _sandbox.Environment["STANDIN_CURL_EXIT"] = "7";
        _sandbox.Environment["STANDIN_START_EXIT"] = "1";

        var result = await RunAsync();

        result.ExitCode.Should().Be(8, result.Output);
        result.LastLine.Should().StartWith("FAILED:").And.Contain("start failed");
    }

    [Fact]
    public async Task Run_WhenSentForAnotherRole_RefusesBeforeRunningPuppet()
    {
        var result = await RunAsync(role: "mi");

        result.ExitCode.Should().Be(1);
        result.LastLine.Should().Contain("this node is 'apim'");
        _sandbox.RecordedArgv.Should().NotContain("puppet");
    }

    public void Dispose() => _sandbox.Dispose();
}

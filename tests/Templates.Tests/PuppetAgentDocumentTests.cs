using Wso2Serverless.Templates.Tests.Support;

namespace Wso2Serverless.Templates.Tests;

/// <summary>The deployed run-puppet-agent script, run under bash against stand-in commands.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PuppetAgentDocumentTests : IDisposable
{
    private const string CatalogSecret = "Catal0g-Secret!";
    private readonly ShellSandbox _sandbox = new();
    private readonly CommandDocument _document = CommandDocument.Load(Repo.Document("run-puppet-agent.yaml"));

    public PuppetAgentDocumentTests()
    {
        _sandbox.WriteConf("node.env", """
            ROLE=apim
            DEPLOYMENT_ID=dep-1
            REGION=eu-west-1
            PUPPET_BIN=puppet
            PRODUCT_SERVICE=wso2apim
            HEALTH_URL=https://localhost:9443/carbon/admin/login.jsp
            CONFIGURE_HOOK=

            """);
        // The unit Puppet installs (the stand-in systemd knows it once Puppet has run).
        _sandbox.Environment["STANDIN_UNITS"] = "wso2apim";
        _sandbox.Environment["STANDIN_CATALOG_SECRET"] = CatalogSecret;
    }

    private Task<ProcessResult> RunAsync(string role = "apim", string healthTimeout = "3") =>
        _sandbox.RunAsync(_document.Render(new Dictionary<string, string> { ["Role"] = role, ["HealthTimeoutSeconds"] = healthTimeout }));

    private IEnumerable<string> Calls(string command) =>
        _sandbox.RecordedArgv.Split('\n').Where(l => l.StartsWith(command + " ", StringComparison.Ordinal));

    private string PuppetLog() => File.ReadAllText(Directory.GetFiles(_sandbox.Logs, "puppet-agent-*.log").Single());

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task Run_WhenPuppetSucceeds_ExitsZeroAfterHealthCheck(int puppetExit)
    {
        _sandbox.Environment["STANDIN_PUPPET_EXIT"] = puppetExit.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var result = await RunAsync();

        result.ExitCode.Should().Be(0, result.Output);
        result.LastLine.Should().StartWith("OK: role apim healthy");
        Calls("puppet").Single().Should().StartWith("puppet agent --onetime --no-daemonize").And.Contain("--environment production");
    }

    [Fact]
    public async Task Run_KeepsFileContentsOutOfThePuppetLog()
    {
        var result = await RunAsync();

        result.ExitCode.Should().Be(0, result.Output);
        // puppet agent -t turns show_diff back on after reading --no-show_diff: neither may appear.
        Calls("puppet").Single().Should().Contain("--no-show_diff").And.Contain("--detailed-exitcodes")
            .And.NotContain(" -t").And.NotContain("--test");
        PuppetLog().Should().NotContain(CatalogSecret, "deployment.toml holds the DB password");
        result.Output.Should().NotContain(CatalogSecret);
    }

    [Fact]
    public async Task Run_WritesItsLogsForRootOnly()
    {
        Directory.CreateDirectory(_sandbox.Logs);
        File.SetUnixFileMode(_sandbox.Logs, (UnixFileMode)0b111_101_101);

        var result = await RunAsync();

        result.ExitCode.Should().Be(0, result.Output);
        File.GetUnixFileMode(_sandbox.Logs).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var log = Directory.GetFiles(_sandbox.Logs, "puppet-agent-*.log").Single();
        File.GetUnixFileMode(log).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
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
        Calls("systemctl").Should().NotContain(c => c.Contains("start", StringComparison.Ordinal), "the product is not started after a failed Puppet run");
    }

    [Fact]
    public async Task Run_EnablesTheProductsUnit_SoItStartsAgainAfterAReboot()
    {
        _sandbox.Environment["STANDIN_CURL_EXIT"] = "7";

        await RunAsync(healthTimeout: "1");

        // Puppet writes the unit but neither reloads systemd nor enables it (apim_common/init.pp).
        Calls("systemctl").Should().ContainInOrder("systemctl daemon-reload", "systemctl enable wso2apim", "systemctl start wso2apim");
    }

    [Fact]
    public async Task Run_WhenPuppetInstalledNoUnit_FailsWithEight()
    {
        _sandbox.Environment["STANDIN_UNITS"] = "";

        var result = await RunAsync();

        result.ExitCode.Should().Be(8, result.Output);
        result.LastLine.Should().Contain("wso2apim.service");
    }

    [Fact]
    public async Task Run_WhenPuppetAppliedChangesToARunningProduct_RestartsIt()
    {
        _sandbox.Environment["STANDIN_PUPPET_EXIT"] = "2";

        var result = await RunAsync();

        result.ExitCode.Should().Be(0, result.Output);
        Calls("systemctl").Should().Contain("systemctl restart wso2apim");
    }

    [Fact]
    public async Task Run_WhenNothingChangedOnAHealthyProduct_LeavesItAlone()
    {
        var result = await RunAsync();

        result.ExitCode.Should().Be(0, result.Output);
        Calls("systemctl").Should().NotContain(c => c.Contains("start", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_WhenHealthNeverAnswers_FailsWithNineAfterBoundedAttempts()
    {
        _sandbox.Environment["STANDIN_CURL_EXIT"] = "7";

        var result = await RunAsync(healthTimeout: "3");

        result.ExitCode.Should().Be(9, result.Output);
        result.LastLine.Should().Contain("not healthy at https://localhost:9443/carbon/admin/login.jsp within 3s");
        Calls("systemctl").Should().Contain("systemctl start wso2apim");
        // One probe before starting, then three attempts one interval apart.
        Calls("curl").Should().HaveCount(4);
    }

    [Fact]
    public async Task Run_WhenTheUnitFailsToStart_FailsWithEight()
    {
        _sandbox.Environment["STANDIN_CURL_EXIT"] = "7";
        _sandbox.Environment["STANDIN_SYSTEMCTL_FAIL"] = "start";

        var result = await RunAsync();

        result.ExitCode.Should().Be(8, result.Output);
        result.LastLine.Should().StartWith("FAILED:").And.Contain("systemctl start wso2apim failed");
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

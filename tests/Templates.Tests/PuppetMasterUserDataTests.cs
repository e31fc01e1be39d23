using Wso2Serverless.Domain.Signals;
using Wso2Serverless.Templates.Tests.Support;

namespace Wso2Serverless.Templates.Tests;

/// <summary>The Puppet Master's user data, rendered from pattern-1.yaml and run under bash against stand-ins.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PuppetMasterUserDataTests : IDisposable
{
    private PuppetMasterSandbox _pm = new();

    private ShellSandbox Shell => _pm.Shell;

    private void UseImage(string unit)
    {
        _pm.Dispose();
        _pm = new PuppetMasterSandbox(unit);
    }

    private IEnumerable<string> Calls(string command) =>
        Shell.RecordedArgv.Split('\n').Where(l => l.StartsWith(command + " ", StringComparison.Ordinal));

    [Fact]
    public async Task Bootstrap_ReportsEveryStage_ThenReady_WithEntriesEveryAwsCliAccepts()
    {
        var result = await _pm.RunAsync();

        result.ExitCode.Should().Be(0, result.Output);
        var signals = _pm.Signals();
        signals.Should().NotBeEmpty("the stand-in CLI refuses entry fields Ubuntu 18.04's awscli does not know");
        signals.Should().OnlyContain(s => s.Source == PuppetMasterSignal.SourceFor("dev") && s.DetailType == PuppetMasterSignal.DetailType
            && s.DeploymentId == "dev-20261128-1");
        signals.Select(s => s.Status).Should().Equal([.. Enumerable.Repeat(PuppetMasterSignal.Progress, signals.Count - 1), PuppetMasterSignal.Ready]);
        signals.Select(s => s.Stage).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Autosign_IsReadableByTheUserTheMasterRunsAs()
    {
        var result = await _pm.RunAsync();

        result.ExitCode.Should().Be(0, result.Output);
        var autosign = Shell.UnderRoot(_pm.ConfDir + "/autosign.conf");
        File.ReadAllLines(autosign).Should().Contain(["*.compute.internal", "*.ec2.internal"]);
        // The master reads it as user puppet: neither its owner (root) nor in its group (root).
        File.GetUnixFileMode(autosign).Should().HaveFlag(UnixFileMode.OtherRead, "the bootstrap runs under umask 027");
        File.ReadAllText(Shell.UnderRoot(_pm.ConfDir + "/puppet.conf")).Should().Contain($"autosign = {_pm.ConfDir}/autosign.conf");
    }

    [Fact]
    public async Task Autosign_AlsoCoversTheVpcsOwnDhcpDomain()
    {
        Shell.Environment["STANDIN_DOMAIN"] = "corp.example.com";

        var result = await _pm.RunAsync();

        result.ExitCode.Should().Be(0, result.Output);
        File.ReadAllLines(Shell.UnderRoot(_pm.ConfDir + "/autosign.conf")).Should().Contain("*.corp.example.com");
    }

    [Theory]
    [InlineData("puppetmaster")]
    [InlineData("puppet-master")]
    [InlineData("puppetserver")]
    public async Task Bootstrap_RestartsTheMasterUnitTheImageHas(string unit)
    {
        UseImage(unit);

        var result = await _pm.RunAsync();

        result.ExitCode.Should().Be(0, result.Output);
        Calls("systemctl").Should().Contain($"systemctl restart {unit}").And.Contain($"systemctl is-active --quiet {unit}");
        _pm.Signals()[^1].Status.Should().Be(PuppetMasterSignal.Ready);
    }

    [Fact]
    public async Task Bootstrap_WithoutAMasterUnit_FailsNamingTheCandidates()
    {
        Shell.Environment["STANDIN_UNITS"] = "";

        var result = await _pm.RunAsync();

        result.ExitCode.Should().NotBe(0);
        var failed = _pm.Signals()[^1];
        failed.Status.Should().Be(PuppetMasterSignal.Failed);
        failed.Stage.Should().Be("puppet-server");
        failed.Message.Should().Contain("puppetserver, puppet-master, puppetmaster");
    }

    [Fact]
    public async Task Progress_ThatCannotBeSent_DoesNotStopTheBootstrap()
    {
        Shell.Environment["STANDIN_EVENTS_FAIL_STATUS"] = PuppetMasterSignal.Progress;

        var result = await _pm.RunAsync();

        result.ExitCode.Should().Be(0, result.Output);
        _pm.Attempts(PuppetMasterSignal.Progress).Should().BeGreaterThan(3);
        _pm.Signals().Select(s => s.Status).Should().Equal(PuppetMasterSignal.Ready);
    }

    [Fact]
    public async Task Ready_IsRetriedWithGrowingPauses()
    {
        Shell.Environment["STANDIN_EVENTS_FAIL_STATUS"] = PuppetMasterSignal.Ready;
        Shell.Environment["STANDIN_EVENTS_FAIL_TIMES"] = "3";

        var result = await _pm.RunAsync();

        result.ExitCode.Should().Be(0, result.Output);
        _pm.Attempts(PuppetMasterSignal.Ready).Should().Be(4);
        _pm.Signals()[^1].Status.Should().Be(PuppetMasterSignal.Ready);
        Calls("sleep").Should().ContainInOrder("sleep 2", "sleep 4", "sleep 8");
    }

    [Fact]
    public async Task Ready_ThatCanNeverBeSent_FailsTheBootstrap()
    {
        Shell.Environment["STANDIN_EVENTS_FAIL_STATUS"] = PuppetMasterSignal.Ready;

        var result = await _pm.RunAsync();

        result.ExitCode.Should().NotBe(0);
        _pm.Attempts(PuppetMasterSignal.Ready).Should().Be(6);
        result.Output.Should().Contain("READY could not be sent");
    }

    [Fact]
    public async Task Failed_IsRetriedWithGrowingPauses_AndTheStagesExitCodeStays()
    {
        Shell.Environment["STANDIN_UNITS"] = "";
        Shell.Environment["STANDIN_EVENTS_FAIL_STATUS"] = PuppetMasterSignal.Failed;
        Shell.Environment["STANDIN_EVENTS_FAIL_TIMES"] = "2";

        var result = await _pm.RunAsync();

        result.ExitCode.Should().Be(1, result.Output);
        _pm.Attempts(PuppetMasterSignal.Failed).Should().Be(3);
        _pm.Signals()[^1].Status.Should().Be(PuppetMasterSignal.Failed);
        Calls("sleep").Should().ContainInOrder("sleep 2", "sleep 4");
    }

    [Fact]
    public async Task Verify_WhenTheMasterNeverAnswers_FailsWithTheReason()
    {
        Shell.Environment["STANDIN_CURL_EXIT"] = "7";

        var result = await _pm.RunAsync();

        result.ExitCode.Should().NotBe(0);
        var failed = _pm.Signals()[^1];
        (failed.Status, failed.Stage).Should().Be((PuppetMasterSignal.Failed, "verify"));
        failed.Message.Should().Contain("8140");
    }

    [Fact]
    public async Task Modules_GetThePasswordVerbatim_EvenWithSedDelimiters()
    {
        var result = await _pm.RunAsync();

        result.ExitCode.Should().Be(0, result.Output);
        _pm.CommonParams.Should().Contain($"$db_password = '{PuppetMasterSandbox.Password}'");
        Shell.RecordedArgv.Should().NotContain(PuppetMasterSandbox.Password);
        result.Output.Should().NotContain(PuppetMasterSandbox.Password);
    }

    /// <summary>Each breaks params.pp's single quotes, deployment.toml's double quotes or the datasource XML.</summary>
    [Theory]
    [InlineData("it's-a-secret")]
    [InlineData("say\"cheese\"1")]
    [InlineData("back\\slash99")]
    [InlineData("amp&ersand99")]
    [InlineData("less<than>99")]
    [InlineData("dollar${x}99")]
    [InlineData("has space 99")]
    [InlineData("short")]
    public async Task Modules_RefuseAPasswordThatWouldBreakTheConfiguration(string password)
    {
        Shell.Environment["STANDIN_SECRET"] = password;

        var result = await _pm.RunAsync();

        result.ExitCode.Should().NotBe(0);
        var failed = _pm.Signals()[^1];
        (failed.Status, failed.Stage).Should().Be((PuppetMasterSignal.Failed, "modules"));
        failed.Message.Should().Contain("DB password rule").And.NotContain(password);
        _pm.CommonParams.Should().Contain("$db_password = 'CF_DB_PASSWORD'", "no half-written configuration");
        result.Output.Should().NotContain(password);
    }

    [Fact]
    public async Task Log_IsReadableByRootOnly()
    {
        var result = await _pm.RunAsync();

        result.ExitCode.Should().Be(0, result.Output);
        File.GetUnixFileMode(Shell.UnderRoot("/var/log/wso2-puppetmaster.log"))
            .Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public void Dispose() => _pm.Dispose();
}

using Wso2Serverless.Cli.Tests.Support;
using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Cli.Tests.EndToEnd;

/// <summary>
/// Colour and cursor codes only where a person looks at a terminal: the built CLI with stdout
/// piped, and on a pseudo-terminal with and without NO_COLOR and TERM=dumb.
/// </summary>
[Collection(ApiGroup.Name)]
public sealed class TerminalOutputTests(ApiStandInFixture api)
{
    private const char Escape = '\u001b';

    [Fact]
    public async Task Piped_HasNoEscapeCodes_OnTerminal_HasColour_UnlessNoColorOrDumb()
    {
        var id = await FinishedRunAsync();
        var signer = Signer();

        var piped = await Wso2Ctl.RunProcessAsync(signer, terminal: false, Args(id));
        var terminal = await Wso2Ctl.RunProcessAsync(signer, terminal: true, Args(id));
        var noColor = await Wso2Ctl.RunProcessAsync(new Dictionary<string, string>(signer) { ["NO_COLOR"] = "1" }, terminal: true, Args(id));
        var dumb = await Wso2Ctl.RunProcessAsync(new Dictionary<string, string>(signer) { ["TERM"] = "dumb" }, terminal: true, Args(id));

        piped.ExitCode.Should().Be(0, piped.ToString());
        piped.Out.Should().Contain("outcome: Failed at CreateStack").And.NotContain(Escape.ToString());
        terminal.Out.Should().MatchRegex(@"\u001b\[[0-9;]*(3[0-7]|38;|9[0-7])[0-9;]*m", "a terminal gets colour: " + terminal.Out);
        noColor.Out.Should().Contain("outcome: Failed at CreateStack").And.NotMatchRegex(@"\u001b\[[0-9;]*(3[0-7]|38;|9[0-7])[0-9;]*m");
        dumb.Out.Should().Contain("outcome: Failed at CreateStack").And.NotContain(Escape.ToString());
    }

    [Fact]
    public async Task Watch_OnTerminal_RedrawsLiveProgress_ThenPrintsTheTimeline()
    {
        var environment = Requests.NewEnvironment();
        await Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "deploy", "-f", Requests.ValidFile(environment));
        var id = await api.Workflow.NextStartedAsync(environment, TimeSpan.FromSeconds(30));

        var watching = Wso2Ctl.RunProcessAsync(Signer(), terminal: true, [.. Args(id).Select(a => a == "status" ? "watch" : a), "--interval", "100ms"]);
        await Task.Delay(1500);
        await api.Driver(id).SucceedAsync();
        var result = await watching;

        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.Should().MatchRegex(@"\u001b\[\d*A", "the progress display moves the cursor up to redraw");
        result.Out.Should().Contain("AwaitPuppetMaster").And.Contain("modules: PROGRESS").And.Contain("timeline");
    }

    [Fact]
    public async Task Help_Piped_ListsTheExitCodes_WithoutEscapeCodes()
    {
        var result = await Wso2Ctl.RunProcessAsync(new Dictionary<string, string>(), "--help");

        result.ExitCode.Should().Be(0);
        result.Out.Should().Contain("Exit codes:").And.Contain("  3    the run was cancelled or aborted").And.NotContain(Escape.ToString());
    }

    private async Task<string> FinishedRunAsync()
    {
        var environment = Requests.NewEnvironment();
        await Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "deploy", "-f", Requests.ValidFile(environment));
        var id = await api.Workflow.NextStartedAsync(environment, TimeSpan.FromSeconds(30));
        var driver = api.Driver(id);
        await driver.StartAsync(PhaseNames.CreateStack);
        await driver.EndAsync(PhaseNames.CreateStack, PhaseStatus.Failed, "ROLLBACK_COMPLETE: WSO2APIMInstance failed");
        await driver.CloseAsync(DeploymentStatus.Failed, PhaseNames.CreateStack, "the stack rolled back");
        return id;
    }

    private static Dictionary<string, string> Signer() => new()
    {
        ["AWS_ACCESS_KEY_ID"] = ApiStandInFixture.Operator.AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = ApiStandInFixture.Operator.SecretAccessKey,
        ["TERM"] = "xterm-256color",
    };

    private string[] Args(string id) => ["status", id, "--api-url", api.ApiUrl.ToString(), "--region", ApiStandInFixture.Region];
}

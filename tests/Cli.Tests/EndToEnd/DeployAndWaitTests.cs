using System.Text.Json;
using Wso2Serverless.Cli.Tests.Support;
using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Cli.Tests.EndToEnd;

/// <summary>
/// wso2ctl against the API Gateway stand-in hosting the real API handler (DynamoDB on moto): the
/// run's phases are played into the store while <c>deploy --wait</c> follows them.
/// </summary>
[Collection(ApiGroup.Name)]
public sealed class DeployAndWaitTests(ApiStandInFixture api)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task DeployWait_RunSucceeds_Exits0_ShowingPhasesSubStepsNodesAndTimeline()
    {
        var environment = Requests.NewEnvironment();
        var waiting = Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "deploy", "-f", Requests.ValidFile(environment), "--wait", "--interval", "100ms");
        var id = await api.Workflow.NextStartedAsync(environment, StartTimeout);
        await api.Driver(id).SucceedAsync();

        var result = await waiting;

        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.Should().Contain($"started {id}");
        result.Out.Should().MatchRegex(@"\d\d:\d\d:\d\d  CreateStack\s+started");
        result.Out.Should().Contain("· modules: PROGRESS: modules installed").And.Contain("· verify: READY");
        result.Out.Should().Contain("↳ i-0apim0001 Success (exit 0)").And.Contain("↳ i-0mi0001 Success (exit 0)");
        result.Out.Should().Contain("deployment                 Succeeded");
        result.Out.Should().Contain("timeline").And.Contain("RunPuppetAgents:mi");
        result.Out.Should().NotContain("\u001b", "stdout is not a terminal: no colour or cursor codes");
    }

    [Fact]
    public async Task DeployWait_RunFails_Exits1_WithFailingPhaseAndReason()
    {
        var environment = Requests.NewEnvironment();
        var waiting = Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "deploy", "-f", Requests.ValidFile(environment), "--wait", "--interval", "100ms");
        var id = await api.Workflow.NextStartedAsync(environment, StartTimeout);
        var driver = api.Driver(id);
        await driver.RunAsync(PhaseNames.Accept);
        await driver.RunAgentsAsync("apim", PhaseStatus.Failed, 1);
        await driver.CloseAsync(DeploymentStatus.Failed, "RunPuppetAgents:apim", "puppet agent exited 1 on i-0apim0001");

        var result = await waiting;

        result.ExitCode.Should().Be(1, result.ToString());
        result.Out.Should().Contain("outcome: Failed at RunPuppetAgents:apim").And.Contain("puppet agent exited 1 on i-0apim0001");
        result.Out.Should().Contain("↳ i-0apim0001 Failed (exit 1)");

        var cancel = await Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "cancel", id);
        cancel.ExitCode.Should().Be(4, "a run that ended on its own cannot be cancelled: 409");
        cancel.Error.Should().Contain("409");
    }

    [Fact]
    public async Task Cancel_WhileDeployWaits_CancelExits0_AndTheWaitExits3()
    {
        var environment = Requests.NewEnvironment();
        var waiting = Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "deploy", "-f", Requests.ValidFile(environment), "--wait", "--interval", "100ms");
        var id = await api.Workflow.NextStartedAsync(environment, StartTimeout);
        await api.Driver(id).StartAsync(PhaseNames.CreateStack);

        var cancel = await Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "cancel", id);
        var result = await waiting;

        cancel.ExitCode.Should().Be(0, cancel.ToString());
        cancel.Out.Should().Contain($"{id}: Cancelled; lock released: yes");
        api.Workflow.WasStopped(id).Should().BeTrue("cancel stops the execution");
        result.ExitCode.Should().Be(3, result.ToString());
        result.Out.Should().Contain("Cancelled").And.Contain("Cancelled through the API by arn:aws:iam::123456789012:user/operator");

        var again = await Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "cancel", id);
        again.ExitCode.Should().Be(0, "asking again repeats the stop of a cancelled run, in case the first stop failed");
    }

    [Fact]
    public async Task JsonOutput_DeployWaitStatusAndHistory_AreOneParsableDocumentEach()
    {
        var environment = Requests.NewEnvironment();
        var waiting = Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "deploy", "-f", Requests.ValidFile(environment), "--wait", "--interval", "100ms", "-o", "json");
        var id = await api.Workflow.NextStartedAsync(environment, StartTimeout);
        await api.Driver(id).SucceedAsync();
        var deployed = await waiting;
        var status = await Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "status", id, "--output", "json");
        var history = await Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "history", environment, "--output", "json");

        deployed.ExitCode.Should().Be(0, deployed.ToString());
        using (var run = JsonDocument.Parse(deployed.Out))
        {
            run.RootElement.GetProperty("deployment").GetProperty("deploymentId").GetString().Should().Be(id);
            run.RootElement.GetProperty("deployment").GetProperty("status").GetString().Should().Be("Succeeded");
            run.RootElement.GetProperty("phases").GetArrayLength().Should().Be(8);
        }

        using (var shown = JsonDocument.Parse(status.Out))
        {
            shown.RootElement.GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("phase").GetString())
                .Should().Contain(["AwaitPuppetMaster", "RunPuppetAgents:apim", "RunPuppetAgents:mi"]);
        }

        using var listed = JsonDocument.Parse(history.Out);
        listed.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("deploymentId").GetString()).Should().Equal(id);
    }

    [Fact]
    public async Task Deploy_WhileEnvironmentBusy_Exits4_NamingTheRunningDeployment()
    {
        var environment = Requests.NewEnvironment();
        var first = await Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "deploy", "-f", Requests.ValidFile(environment));
        var id = await api.Workflow.NextStartedAsync(environment, StartTimeout);

        var second = await Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "deploy", "-f", Requests.ValidFile(environment));

        first.ExitCode.Should().Be(0, first.ToString());
        first.Out.Should().Contain($"follow it: wso2ctl watch {id}");
        second.ExitCode.Should().Be(4, second.ToString());
        second.Error.Should().Contain("409").And.Contain(id);
        await api.Driver(id).CloseAsync(DeploymentStatus.Succeeded);
    }

    [Fact]
    public async Task Watch_WithTimeout_GivesUpWithExit6_WhileTheRunGoesOn()
    {
        var environment = Requests.NewEnvironment();
        await Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "deploy", "-f", Requests.ValidFile(environment));
        var id = await api.Workflow.NextStartedAsync(environment, StartTimeout);

        var result = await Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "watch", id, "--interval", "200ms", "--timeout", "1s");

        result.ExitCode.Should().Be(6, result.ToString());
        result.Error.Should().Contain($"wso2ctl watch {id}");
        await api.Driver(id).CloseAsync(DeploymentStatus.Succeeded);
    }
}

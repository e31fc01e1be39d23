using System.Text.Json;
using Wso2Serverless.Cli.Tests.Support;
using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Cli.Tests.EndToEnd;

/// <summary>history, schedule get|set and teardown through the stand-in.</summary>
[Collection(ApiGroup.Name)]
public sealed class EnvironmentTests(ApiStandInFixture api)
{
    [Fact]
    public async Task History_ListsRunsNewestFirst_WithOutcomeAndReason()
    {
        var environment = Requests.NewEnvironment();
        var ids = new List<string>();
        foreach (var (status, reason) in new[] { (DeploymentStatus.Failed, "stack rolled back"), (DeploymentStatus.Succeeded, (string?)null) })
        {
            await Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "deploy", "-f", Requests.ValidFile(environment));
            var id = await api.Workflow.NextStartedAsync(environment, TimeSpan.FromSeconds(30));
            await api.Driver(id).CloseAsync(status, status == DeploymentStatus.Failed ? "CreateStack" : null, reason);
            ids.Add(id);
            await Task.Delay(1100); // deployment ids carry the second they started
        }

        var result = await Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "history", environment);
        var paged = await Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "history", environment, "--limit", "1");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.IndexOf(ids[1], StringComparison.Ordinal).Should().BeLessThan(result.Out.IndexOf(ids[0], StringComparison.Ordinal));
        result.Out.Should().Contain("stack rolled back").And.Contain("CreateStack");
        paged.Out.Should().Contain(ids[1]).And.NotContain(ids[0]).And.Contain($"more: wso2ctl history {environment} --cursor ");
    }

    [Fact]
    public async Task ScheduleSetThenGet_RoundTripsThroughTheApi()
    {
        var environment = Requests.NewEnvironment();

        var set = await Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "schedule", "set", environment, "--cron", "0 2 * * 1-5", "-f", Requests.ValidFile(environment), "--expires-at", "2099-12-31T18:00:00Z");
        var get = await Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "schedule", "get", environment, "-o", "json");

        set.ExitCode.Should().Be(0, set.ToString());
        set.Out.Should().Contain("0 2 * * 1-5 UTC").And.Contain("2099-12-31 18:00:00 UTC");
        using var shown = JsonDocument.Parse(get.Out);
        shown.RootElement.GetProperty("schedule").GetString().Should().Be("0 2 * * 1-5");
        shown.RootElement.GetProperty("enabled").GetBoolean().Should().BeTrue();
        shown.RootElement.GetProperty("request").GetProperty("environment").GetString().Should().Be(environment);
    }

    [Fact]
    public async Task ScheduleSet_BadCron_Exits2_WithTheFieldProblem()
    {
        var environment = Requests.NewEnvironment();

        var result = await Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "schedule", "set", environment, "--cron", "* * * * *", "-f", Requests.ValidFile(environment));

        result.ExitCode.Should().Be(2, result.ToString());
        result.Error.Split('\n').Should().Contain(l => l.StartsWith("$.schedule: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ScheduleGet_Unregistered_Exits4()
    {
        var result = await Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "schedule", "get", Requests.NewEnvironment());

        result.ExitCode.Should().Be(4, result.ToString());
    }

    [Fact]
    public async Task TeardownWait_FollowsTheTeardownRun_Exits0WhenTornDown()
    {
        var environment = Requests.NewEnvironment();
        await Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "deploy", "-f", Requests.ValidFile(environment));
        var deployed = await api.Workflow.NextStartedAsync(environment, TimeSpan.FromSeconds(30));
        await api.Driver(deployed).CloseAsync(DeploymentStatus.Succeeded);

        var waiting = Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "teardown", environment, "--wait", "--interval", "100ms");
        var teardown = await api.Workflow.NextStartedAsync(environment, TimeSpan.FromSeconds(30));
        var driver = api.Driver(teardown);
        await driver.RunAsync(PhaseNames.Teardown);
        await driver.CloseAsync(DeploymentStatus.TornDown);
        var result = await waiting;

        teardown.Should().StartWith("teardown-");
        result.ExitCode.Should().Be(0, result.ToString());
        result.Out.Should().Contain("outcome: TornDown");
    }
}

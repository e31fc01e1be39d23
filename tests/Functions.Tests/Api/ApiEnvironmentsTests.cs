using System.Text.Json;
using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Functions.Tests.Api;

public sealed class ApiEnvironmentsTests
{
    private const string Registration = """
        {
          "schedule": "0 2 * * 1-5",
          "request": { "environment": "dev", "stackName": "wso2-dev", "secrets": { "DBPassword": "/wso2/dev/db-password" } },
          "expiresAt": "2026-12-31T18:00:00Z"
        }
        """;

    private readonly ApiHarness _api = new();

    [Fact]
    public async Task Put_NewEnvironment_StoresItAndAnswers201WithNextRun()
    {
        var response = await _api.SendAsync("PUT", "/environments/dev", Registration);

        response.StatusCode.Should().Be(201);
        var body = ApiHarness.Json(response);
        body.GetProperty("nextRunAt").GetDateTimeOffset().Should().Be(new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero));
        var stored = await _api.World.Environments.GetAsync("dev", CancellationToken.None);
        stored!.Schedule.Should().Be("0 2 * * 1-5");
        stored.Enabled.Should().BeTrue();
        stored.ExpiresAt.Should().Be(new DateTimeOffset(2026, 12, 31, 18, 0, 0, TimeSpan.Zero));
        using var template = JsonDocument.Parse(stored.RequestTemplate);
        template.RootElement.GetProperty("stackName").GetString().Should().Be("wso2-dev");
    }

    [Fact]
    public async Task Put_Again_Answers200AndKeepsLastScheduledWhenScheduleUnchanged()
    {
        await _api.SendAsync("PUT", "/environments/dev", Registration);
        var last = new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);
        await _api.World.Environments.MarkScheduledAsync("dev", null, last, CancellationToken.None);

        var response = await _api.SendAsync("PUT", "/environments/dev", Registration.Replace("\"expiresAt\"", "\"enabled\": false, \"expiresAt\"", StringComparison.Ordinal));

        response.StatusCode.Should().Be(200);
        var stored = await _api.World.Environments.GetAsync("dev", CancellationToken.None);
        stored!.Enabled.Should().BeFalse();
        stored.LastScheduledAt.Should().Be(last);
    }

    [Theory]
    [InlineData("\"0 2 * *\"", "5 fields")]
    [InlineData("\"61 2 * * *\"", "not a valid cron")]
    [InlineData("\"*/5 * * * *\"", "more often than once an hour")]
    [InlineData("42", "wrong type")]
    public async Task Put_WithBadSchedule_Returns400AtSchedule(string schedule, string expected)
    {
        var body = Registration.Replace("\"0 2 * * 1-5\"", schedule, StringComparison.Ordinal);

        var response = await _api.SendAsync("PUT", "/environments/dev", body);

        response.StatusCode.Should().Be(400);
        ApiHarness.Json(response).GetProperty("errors")[0].GetProperty("message").GetString().Should().Contain(expected);
        (await _api.World.Environments.GetAsync("dev", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task Put_WithRequestForAnotherEnvironmentAndPastExpiry_ListsBoth()
    {
        var body = Registration.Replace("\"environment\": \"dev\"", "\"environment\": \"qa\"", StringComparison.Ordinal)
            .Replace("2026-12-31T18:00:00Z", "2026-01-01T00:00:00Z", StringComparison.Ordinal);

        var response = await _api.SendAsync("PUT", "/environments/dev", body);

        response.StatusCode.Should().Be(400);
        ApiHarness.ErrorPaths(response).Should().BeEquivalentTo("$.request.environment", "$.expiresAt");
    }

    [Fact]
    public async Task Put_WithInvalidRequestTemplate_ReportsItsFieldsUnderRequest()
    {
        var response = await _api.SendAsync("PUT", "/environments/dev", """{"request": {"environment": "dev"}}""");

        response.StatusCode.Should().Be(400);
        ApiHarness.ErrorPaths(response).Should().Contain("$.request.stackName");
    }

    [Fact]
    public async Task Get_RegisteredEnvironment_ReturnsItsConfiguration()
    {
        await _api.SendAsync("PUT", "/environments/dev", Registration);

        var response = await _api.SendAsync("GET", "/environments/dev", contentType: null);

        response.StatusCode.Should().Be(200);
        ApiHarness.Json(response).GetProperty("request").GetProperty("environment").GetString().Should().Be("dev");
    }

    [Fact]
    public async Task Get_UnknownEnvironment_Returns404()
    {
        var response = await _api.SendAsync("GET", "/environments/ghost", contentType: null);

        response.StatusCode.Should().Be(404);
    }

    [Fact]
    public async Task Teardown_StartsTeardownExecutionForLatestStack()
    {
        var now = _api.World.Clock.UtcNow;
        await _api.World.Deployments.CreateAsync(ApiDeploymentsTests.Record("d-1", "dev", now.AddDays(-1)) with { StackName = "wso2-dev-blue" }, CancellationToken.None);

        var response = await _api.SendAsync("DELETE", "/environments/dev/stack", contentType: null);

        response.StatusCode.Should().Be(202);
        var execution = _api.World.Workflow.Executions.Should().ContainSingle().Subject;
        execution.StateMachineArn.Should().Be(_api.World.Settings.TeardownStateMachineArn);
        execution.Name.Should().StartWith("teardown-");
        using var input = JsonDocument.Parse(execution.InputJson);
        input.RootElement.GetProperty("operation").GetString().Should().Be("teardown");
        input.RootElement.GetProperty("stackName").GetString().Should().Be("wso2-dev-blue");
        input.RootElement.GetProperty("trigger").GetString().Should().Be("api");
    }

    [Fact]
    public async Task Teardown_EnvironmentWithoutDeployments_Returns404()
    {
        var response = await _api.SendAsync("DELETE", "/environments/dev/stack", contentType: null);

        response.StatusCode.Should().Be(404);
        _api.World.Workflow.Executions.Should().BeEmpty();
    }

    [Fact]
    public async Task Teardown_BusyEnvironment_Returns409()
    {
        var now = _api.World.Clock.UtcNow;
        await _api.World.Deployments.CreateAsync(ApiDeploymentsTests.Record("d-1", "dev", now), CancellationToken.None);
        _api.World.Locks.Seed(new LockInfo("dev", "d-1", now, now.AddHours(3)));

        var response = await _api.SendAsync("DELETE", "/environments/dev/stack", contentType: null);

        response.StatusCode.Should().Be(409);
        _api.World.Workflow.Executions.Should().BeEmpty();
    }
}

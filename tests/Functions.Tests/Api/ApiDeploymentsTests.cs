using System.Text.Json;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Functions.Api;

namespace Wso2Serverless.Functions.Tests.Api;

public sealed class ApiDeploymentsTests
{
    private readonly ApiHarness _api = new();

    [Fact]
    public async Task Start_WithValidRequest_StartsExecutionNamedAfterNewDeploymentId()
    {
        var response = await _api.SendAsync("POST", "/deployments", ApiRequests.ValidDeployment);

        response.StatusCode.Should().Be(202);
        var body = ApiHarness.Json(response);
        var deploymentId = body.GetProperty("deploymentId").GetString()!;
        deploymentId.Should().MatchRegex("^20261128-090000-[0-9a-f]{8}$");
        var execution = _api.World.Workflow.Executions.Should().ContainSingle().Subject;
        execution.Name.Should().Be(deploymentId);
        execution.StateMachineArn.Should().Be(_api.World.Settings.StateMachineArn);
        body.GetProperty("executionArn").GetString().Should().Be(execution.ExecutionArn);
        body.GetProperty("statusUrl").GetString().Should().Be($"https://abc123.execute-api.eu-west-1.amazonaws.com/deployments/{deploymentId}");
        response.Headers["location"].Should().Be(body.GetProperty("statusUrl").GetString());
    }

    [Fact]
    public async Task Start_PassesRequestOnAsExecutionInput_WithTriggerApi()
    {
        await _api.SendAsync("POST", "/deployments", ApiRequests.ValidDeployment.Replace("\"dev\",", "\"dev\", \"trigger\": \"console\",", StringComparison.Ordinal));

        using var input = JsonDocument.Parse(_api.World.Workflow.Executions[0].InputJson);
        input.RootElement.GetProperty("trigger").GetString().Should().Be("api");
        input.RootElement.GetProperty("environment").GetString().Should().Be("dev");
        input.RootElement.GetProperty("secrets").GetProperty("DBPassword").GetString().Should().Be("/wso2/dev/db-password");
    }

    [Fact]
    public async Task Start_WhenEnvironmentBusy_Returns409NamingTheRunningDeployment()
    {
        var now = _api.World.Clock.UtcNow;
        _api.World.Locks.Seed(new LockInfo("dev", "20261128-080000-aaaaaaaa", now.AddHours(-1), now.AddHours(2)));

        var response = await _api.SendAsync("POST", "/deployments", ApiRequests.ValidDeployment);

        response.StatusCode.Should().Be(409);
        response.ContentType.Should().Be("application/problem+json");
        var problem = ApiHarness.Json(response);
        problem.GetProperty("type").GetString().Should().Be(ProblemTypes.EnvironmentBusy);
        problem.GetProperty("detail").GetString().Should().Contain("20261128-080000-aaaaaaaa");
        _api.World.Workflow.Executions.Should().BeEmpty();
    }

    [Fact]
    public async Task Start_WhenHoldersLeaseExpired_StartsAnyway()
    {
        var now = _api.World.Clock.UtcNow;
        _api.World.Locks.Seed(new LockInfo("dev", "crashed-run", now.AddHours(-4), now.AddMinutes(-1)));

        var response = await _api.SendAsync("POST", "/deployments", ApiRequests.ValidDeployment);

        response.StatusCode.Should().Be(202);
    }

    [Fact]
    public async Task Start_WithSeveralProblems_ListsEveryOne()
    {
        var response = await _api.SendAsync("POST", "/deployments", """{"environment": "Dev!", "stackName": 7, "colour": "blue"}""");

        response.StatusCode.Should().Be(400);
        ApiHarness.ErrorPaths(response).Should().Contain(["$.environment", "$.stackName", "$.colour"]);
        _api.World.Workflow.Executions.Should().BeEmpty();
    }

    [Fact]
    public async Task Start_WithStackNameOutsideThePrefix_Rejects()
    {
        var response = await _api.SendAsync("POST", "/deployments", """{"environment": "dev", "stackName": "prod-main"}""");

        response.StatusCode.Should().Be(400);
        ApiHarness.ErrorPaths(response).Should().Equal("$.stackName");
    }

    [Fact]
    public async Task Start_WithAPasswordInTheParameters_NeverEchoesIt()
    {
        const string password = "S3cr3t-Passw0rd-value";
        var response = await _api.SendAsync("POST", "/deployments",
            $$$"""{"environment": "dev", "stackName": "wso2-dev", "parameters": {"DBPassword": "{{{password}}}"}}""");

        response.StatusCode.Should().Be(400);
        response.Body.Should().NotContain(password);
        _api.Invocation.Logs.Should().NotContain(password);
        _api.World.Workflow.Executions.Should().BeEmpty();
    }

    [Fact]
    public async Task Get_ReturnsRecordAndPhases()
    {
        var started = _api.World.Clock.UtcNow;
        await _api.World.Deployments.CreateAsync(Record("d-1", "dev", started), CancellationToken.None);
        await _api.World.Deployments.PutPhaseAsync(new PhaseRecord { DeploymentId = "d-1", Phase = PhaseNames.Accept, Status = PhaseStatus.Succeeded, StartedAt = started }, CancellationToken.None);
        await _api.World.Deployments.PutPhaseAsync(new PhaseRecord { DeploymentId = "d-1", Phase = PhaseNames.CreateStack, Status = PhaseStatus.Running, StartedAt = started.AddSeconds(5) }, CancellationToken.None);

        var response = await _api.SendAsync("GET", "/deployments/d-1", contentType: null);

        response.StatusCode.Should().Be(200);
        var body = ApiHarness.Json(response);
        body.GetProperty("deployment").GetProperty("status").GetString().Should().Be("Running");
        body.GetProperty("deployment").GetProperty("environment").GetString().Should().Be("dev");
        body.GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("phase").GetString()).Should().Equal(PhaseNames.Accept, PhaseNames.CreateStack);
    }

    [Fact]
    public async Task Get_UnknownDeployment_Returns404Problem()
    {
        var response = await _api.SendAsync("GET", "/deployments/nope", contentType: null);

        response.StatusCode.Should().Be(404);
        ApiHarness.Json(response).GetProperty("instance").GetString().Should().Be("/deployments/nope");
    }

    [Fact]
    public async Task List_PagesThroughHistoryNewestFirst()
    {
        var t = _api.World.Clock.UtcNow;
        foreach (var (id, hoursAgo) in new[] { ("d-old", 3), ("d-mid", 2), ("d-new", 1) })
        {
            await _api.World.Deployments.CreateAsync(Record(id, "dev", t.AddHours(-hoursAgo)), CancellationToken.None);
        }

        await _api.World.Deployments.CreateAsync(Record("other-env", "qa", t), CancellationToken.None);

        var first = await _api.SendAsync("GET", "/environments/dev/deployments", contentType: null, query: "limit=2");
        var firstBody = ApiHarness.Json(first);
        var cursor = firstBody.GetProperty("nextCursor").GetString();
        var second = await _api.SendAsync("GET", "/environments/dev/deployments", contentType: null, query: "limit=2&cursor=" + Uri.EscapeDataString(cursor!));

        first.StatusCode.Should().Be(200);
        Ids(firstBody).Should().Equal("d-new", "d-mid");
        Ids(ApiHarness.Json(second)).Should().Equal("d-old");
        ApiHarness.Json(second).TryGetProperty("nextCursor", out _).Should().BeFalse();
    }

    [Fact]
    public async Task List_UnknownEnvironment_Returns404()
    {
        var response = await _api.SendAsync("GET", "/environments/ghost/deployments", contentType: null);

        response.StatusCode.Should().Be(404);
    }

    [Fact]
    public async Task List_WithForeignCursor_Returns400NotAServerError()
    {
        await _api.World.Deployments.CreateAsync(Record("d-1", "dev", _api.World.Clock.UtcNow), CancellationToken.None);

        var response = await _api.SendAsync("GET", "/environments/dev/deployments", contentType: null, query: "cursor=not-ours");

        response.StatusCode.Should().Be(400);
        ApiHarness.ErrorPaths(response).Should().Equal("$query.cursor");
    }

    [Fact]
    public async Task Cancel_RunningDeployment_StopsExecutionClosesRecordAndReleasesLock()
    {
        var now = _api.World.Clock.UtcNow;
        var started = await _api.World.Workflow.StartExecutionAsync(_api.World.Settings.StateMachineArn, "d-run", "{}", CancellationToken.None);
        await _api.World.Deployments.CreateAsync(Record("d-run", "dev", now) with { ExecutionArn = started.ExecutionArn }, CancellationToken.None);
        _api.World.Locks.Seed(new LockInfo("dev", "d-run", now, now.AddHours(3)));

        var response = await _api.SendAsync("POST", "/deployments/d-run/cancel", contentType: null);

        response.StatusCode.Should().Be(202);
        ApiHarness.Json(response).GetProperty("lockReleased").GetBoolean().Should().BeTrue();
        _api.World.Workflow.Executions[0].Status.Should().Be("ABORTED");
        var record = await _api.World.Deployments.GetAsync("d-run", CancellationToken.None);
        record!.Status.Should().Be(DeploymentStatus.Cancelled);
        record.Reason.Should().Contain("arn:aws:iam::111122223333:user/operator");
        _api.World.Locks.Holder("dev").Should().BeNull();
        ApiHarness.Json(response).GetProperty("notified").GetBoolean().Should().BeTrue();
        _api.World.Notifier.Published.Should().ContainSingle().Which.Subject.Should().Contain("dev");
    }

    [Fact]
    public async Task Cancel_FinishedDeployment_Returns409AndChangesNothing()
    {
        var now = _api.World.Clock.UtcNow;
        await _api.World.Deployments.CreateAsync(Record("d-done", "dev", now), CancellationToken.None);
        await _api.World.Deployments.CloseAsync("d-done", DeploymentStatus.Succeeded, null, null, now, CancellationToken.None);

        var response = await _api.SendAsync("POST", "/deployments/d-done/cancel", contentType: null);

        response.StatusCode.Should().Be(409);
        ApiHarness.Json(response).GetProperty("detail").GetString().Should().Contain("Succeeded");
        (await _api.World.Deployments.GetAsync("d-done", CancellationToken.None))!.Status.Should().Be(DeploymentStatus.Succeeded);
    }

    internal static DeploymentRecord Record(string id, string environment, DateTimeOffset startedAt) => new()
    {
        DeploymentId = id,
        Environment = environment,
        StackName = $"wso2-{environment}",
        Status = DeploymentStatus.Running,
        StartedAt = startedAt,
        Trigger = "api",
    };

    private static IEnumerable<string?> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("deploymentId").GetString());
}

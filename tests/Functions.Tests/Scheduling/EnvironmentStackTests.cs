using System.Text.Json;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Functions.Scheduling;
using Wso2Serverless.Functions.Tasks;
using Wso2Serverless.Functions.Tests.Api;

namespace Wso2Serverless.Functions.Tests.Scheduling;

/// <summary>
/// Teardown (API), expiry (scheduler) and the teardown's Accept agree on which stack is the
/// environment's: that of its newest run that may have created one (#13 defect 8).
/// </summary>
public sealed class EnvironmentStackTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    private readonly SchedulerHarness _scheduler = new();

    public static TheoryData<string> Callers => ["api", "expiry", "accept"];

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task ARejectedRunOnTop_DoesNotHideTheRealStack(string caller)
    {
        await HistoryAsync(
            Run("d-old", Nine.AddDays(-2), DeploymentStatus.Succeeded, "wso2-dev-blue"),
            Run("d-rejected", Nine.AddHours(-1), DeploymentStatus.Rejected, "unknown") with { FailedPhase = PhaseNames.Accept, Reason = "The request is invalid" });

        (await StackChosenByAsync(caller)).Should().Be("wso2-dev-blue");
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task ARunThatFailedInAccept_NeverCreatedAStack(string caller)
    {
        await HistoryAsync(
            Run("d-old", Nine.AddDays(-2), DeploymentStatus.Succeeded, "wso2-dev-blue"),
            Run("d-accept", Nine.AddHours(-1), DeploymentStatus.Failed, "wso2-dev-green") with { FailedPhase = PhaseNames.Accept });

        (await StackChosenByAsync(caller)).Should().Be("wso2-dev-blue");
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task TheRealStackOutranksTheRegisteredRequest(string caller)
    {
        await HistoryAsync(Run("d-old", Nine.AddDays(-2), DeploymentStatus.Succeeded, "wso2-dev-blue"));
        await RegisterAsync(stackName: "wso2-dev-green");

        (await StackChosenByAsync(caller)).Should().Be("wso2-dev-blue");
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task WithNoHistory_TheRegisteredRequestsStackIsTheOne(string caller)
    {
        // Records expire (TTL) while a stack can live on: the registration still names it.
        await RegisterAsync(stackName: "wso2-dev-green");

        (await StackChosenByAsync(caller)).Should().Be("wso2-dev-green");
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task AStackAlreadyTornDown_LeavesNothingToTearDown_EvenUnderARejection(string caller)
    {
        await HistoryAsync(
            Run("d-old", Nine.AddDays(-3), DeploymentStatus.Succeeded, "wso2-dev-blue"),
            Run("teardown-1", Nine.AddDays(-2), DeploymentStatus.TornDown, "wso2-dev-blue"),
            Run("d-rejected", Nine.AddHours(-1), DeploymentStatus.Rejected, "unknown"));

        (await StackChosenByAsync(caller)).Should().BeNull();
    }

    /// <summary>The stack the caller would tear down, or null when it finds nothing to tear down.</summary>
    private async Task<string?> StackChosenByAsync(string caller)
    {
        var world = _scheduler.World;
        switch (caller)
        {
            case "api":
            {
                var response = await new Functions.Api.ApiHandler(world.Services).HandleAsync(
                    ApiRequests.Create("DELETE", "/environments/dev/stack", null, null), _scheduler.Invocation.Context(world.Clock.UtcNow));
                return response.StatusCode == 202 ? StartedStack() : null;
            }

            case "expiry":
            {
                if (await world.Environments.GetAsync("dev", default) is { } config)
                {
                    await world.Environments.PutAsync(config with { ExpiresAt = Nine.AddMinutes(-10) }, default);
                }
                else
                {
                    await _scheduler.RegisterAsync(schedule: null, expiresAt: Nine.AddMinutes(-10));
                    var registered = (await world.Environments.GetAsync("dev", default))!;
                    await world.Environments.PutAsync(registered with { RequestTemplate = """{"environment":"dev","stackName":"wso2-dev-unregistered"}""" }, default);
                }

                var result = await _scheduler.TickAsync();
                return result.Items.Single().Action == ScheduleActions.TeardownStarted ? StartedStack() : null;
            }

            default:
            {
                using var input = JsonDocument.Parse("""{"operation":"teardown","environment":"dev","trigger":"console"}""");
                try
                {
                    var accepted = await new AcceptFunction(world.Services).HandleAsync(
                        new AcceptRequest { Operation = AcceptFunction.Teardown, Input = input.RootElement.Clone(), ExecutionName = "teardown-now", StartedAt = world.Clock.UtcNow }, default);
                    return accepted.Deployment!.StackName;
                }
                catch (Runtime.FunctionException)
                {
                    return null;
                }
            }
        }
    }

    private string StartedStack()
    {
        using var input = JsonDocument.Parse(_scheduler.World.Workflow.Executions.Single().InputJson);
        return input.RootElement.GetProperty("stackName").GetString()!;
    }

    private async Task HistoryAsync(params DeploymentRecord[] records)
    {
        foreach (var record in records)
        {
            await _scheduler.World.Deployments.CreateAsync(record, default);
        }
    }

    private async Task RegisterAsync(string stackName)
    {
        await _scheduler.RegisterAsync(schedule: null);
        var config = (await _scheduler.World.Environments.GetAsync("dev", default))!;
        await _scheduler.World.Environments.PutAsync(config with { RequestTemplate = $$"""{"environment":"dev","stackName":"{{stackName}}"}""" }, default);
    }

    private static DeploymentRecord Run(string id, DateTimeOffset startedAt, DeploymentStatus status, string stackName) =>
        ApiDeploymentsTests.Record(id, "dev", startedAt) with { Status = status, StackName = stackName, EndedAt = status == DeploymentStatus.Running ? null : startedAt.AddMinutes(50) };
}

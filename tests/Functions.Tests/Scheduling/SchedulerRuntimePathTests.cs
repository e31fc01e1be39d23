using System.Text;
using System.Text.Json;
using Wso2Serverless.Functions.Hosting;

namespace Wso2Serverless.Functions.Tests.Scheduling;

/// <summary>The scheduler as Lambda runs it: the catalog entry, raw bytes of EventBridge's real Scheduled Event in.</summary>
public sealed class SchedulerRuntimePathTests
{
    private const string ScheduledEvent = """
        {
          "version": "0",
          "id": "89d1a02d-5ec7-412e-82f5-13505f849b41",
          "detail-type": "Scheduled Event",
          "source": "aws.events",
          "account": "111122223333",
          "time": "2026-11-30T09:00:00Z",
          "region": "eu-west-1",
          "resources": ["arn:aws:events:eu-west-1:111122223333:rule/wso2-serverless-SchedulerTickRule-1A2B3C4D5E6F"],
          "detail": {}
        }
        """;

    [Fact]
    public async Task RealScheduledEvent_ThroughHost_StartsTheDueRebuild()
    {
        var scheduler = new SchedulerHarness();
        await scheduler.RegisterAsync(lastScheduledAt: new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        scheduler.World.Clock.Set(new DateTimeOffset(2026, 11, 30, 9, 0, 3, TimeSpan.Zero));
        var handler = FunctionCatalog.Find(HandlerNames.Scheduler)!.Create(scheduler.World.Services);

        var output = await handler.HandleAsync(Encoding.UTF8.GetBytes(ScheduledEvent), scheduler.Invocation.Context(scheduler.World.Clock.UtcNow));

        using var result = JsonDocument.Parse(output);
        result.RootElement.GetProperty("tick").GetDateTimeOffset().Should().Be(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        result.RootElement.GetProperty("items")[0].GetProperty("action").GetString().Should().Be("started");
        scheduler.World.Workflow.Executions.Single().Name.Should().Be("rebuild-dev-20261130T0900");
    }

    [Fact]
    public async Task RuleConstantInput_ThroughHost_HandlesTheNamedEnvironment()
    {
        var scheduler = new SchedulerHarness();
        await scheduler.RegisterAsync("qa", lastScheduledAt: new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        var handler = FunctionCatalog.Find(HandlerNames.Scheduler)!.Create(scheduler.World.Services);

        var output = await handler.HandleAsync(Encoding.UTF8.GetBytes("""{ "environment": "qa" }"""), scheduler.Invocation.Context(scheduler.World.Clock.UtcNow));

        using var result = JsonDocument.Parse(output);
        result.RootElement.GetProperty("items")[0].GetProperty("environment").GetString().Should().Be("qa");
        scheduler.World.Workflow.Executions.Should().ContainSingle();
    }
}

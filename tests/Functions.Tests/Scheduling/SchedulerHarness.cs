using Wso2Serverless.Domain.Model;
using Wso2Serverless.Functions.Scheduling;
using Wso2Serverless.Functions.Tests.Api;
using Wso2Serverless.Functions.Tests.Fakes;

namespace Wso2Serverless.Functions.Tests.Scheduling;

/// <summary>The scheduler over the in-memory world; the clock starts on Monday 2026-11-30 09:00 UTC.</summary>
internal sealed class SchedulerHarness
{
    public const string Request = """{"environment":"dev","stackName":"wso2-dev","secrets":{"DBPassword":"/wso2/dev/db-password"}}""";

    public SchedulerHarness()
    {
        World.Clock.Set(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    }

    public FakeWorld World { get; } = new();

    public TestInvocation Invocation { get; } = new();

    public Task<SchedulerResult> TickAsync(SchedulerInput? input = null) =>
        new SchedulerHandler(World.Services).HandleAsync(input ?? new SchedulerInput { Source = "aws.events", DetailType = "Scheduled Event" }, Invocation.Context(World.Clock.UtcNow));

    public Task RegisterAsync(string environment = "dev", string? schedule = "0 * * * *", DateTimeOffset? lastScheduledAt = null,
        DateTimeOffset? expiresAt = null, bool enabled = true, DateTimeOffset? updatedAt = null) =>
        World.Environments.PutAsync(new EnvironmentConfig
        {
            Environment = environment,
            Schedule = schedule,
            Enabled = enabled,
            RequestTemplate = Request.Replace("\"dev\"", $"\"{environment}\"", StringComparison.Ordinal),
            ExpiresAt = expiresAt,
            LastScheduledAt = lastScheduledAt,
            UpdatedAt = updatedAt ?? World.Clock.UtcNow.AddDays(-7),
        }, CancellationToken.None);
}

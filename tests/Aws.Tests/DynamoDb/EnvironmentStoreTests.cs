using Wso2Serverless.Aws.DynamoDb;
using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Aws.Tests.DynamoDb;

public sealed class EnvironmentStoreTests(MotoFixture moto) : IClassFixture<MotoFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);
    private readonly DynamoDbClient _client = MotoDynamoDb.Client(moto);
    private DynamoEnvironmentStore _environments = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _environments = new DynamoEnvironmentStore(_client, await MotoDynamoDb.NewTableAsync(_client));

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private static EnvironmentConfig Config(string environment) => new()
    {
        Environment = environment,
        Schedule = "0 2 * * *",
        RequestTemplate = """{"environment":"dev"}""",
        ExpiresAt = T0.AddDays(14),
        UpdatedAt = T0,
    };

    [Fact]
    public async Task Put_ThenGet_RoundTrips()
    {
        await _environments.PutAsync(Config("dev"), Ct);

        (await _environments.GetAsync("dev", Ct)).Should().Be(Config("dev"));
        (await _environments.GetAsync("prod", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task List_ReturnsEveryRegisteredEnvironment()
    {
        await _environments.PutAsync(Config("list-b"), Ct);
        await _environments.PutAsync(Config("list-a") with { Enabled = false, Schedule = null }, Ct);

        var all = await _environments.ListAsync(Ct);

        all.Select(c => c.Environment).Should().Contain(["list-a", "list-b"]);
        all.Single(c => c.Environment == "list-a").Enabled.Should().BeFalse();
        all.Single(c => c.Environment == "list-a").Schedule.Should().BeNull();
    }

    [Fact]
    public async Task MarkScheduled_IsCompareAndSet()
    {
        await _environments.PutAsync(Config("cas"), Ct);

        (await _environments.MarkScheduledAsync("cas", null, T0, Ct)).Should().BeTrue();
        (await _environments.MarkScheduledAsync("cas", null, T0, Ct)).Should().BeFalse();
        (await _environments.MarkScheduledAsync("cas", T0.AddDays(-1), T0.AddDays(1), Ct)).Should().BeFalse();
        (await _environments.MarkScheduledAsync("cas", T0, T0.AddDays(1), Ct)).Should().BeTrue();

        (await _environments.GetAsync("cas", Ct))!.LastScheduledAt.Should().Be(T0.AddDays(1));
    }

    [Fact]
    public async Task MarkScheduled_Concurrently_OneTickWins()
    {
        await _environments.PutAsync(Config("tick"), Ct);

        var marks = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => _environments.MarkScheduledAsync("tick", null, T0, Ct), Ct)));

        marks.Count(m => m).Should().Be(1);
    }

    [Fact]
    public async Task MarkScheduled_ForUnknownEnvironment_ReturnsFalseAndCreatesNothing()
    {
        (await _environments.MarkScheduledAsync("ghost", null, T0, Ct)).Should().BeFalse();

        (await _environments.GetAsync("ghost", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Put_WithoutLastScheduled_KeepsTheSchedulersProgress()
    {
        await _environments.PutAsync(Config("keep"), Ct);
        await _environments.MarkScheduledAsync("keep", null, T0, Ct);

        await _environments.PutAsync(Config("keep") with { Schedule = "0 3 * * *" }, Ct);

        var stored = await _environments.GetAsync("keep", Ct);
        stored!.Schedule.Should().Be("0 3 * * *");
        stored.LastScheduledAt.Should().Be(T0);
    }
}

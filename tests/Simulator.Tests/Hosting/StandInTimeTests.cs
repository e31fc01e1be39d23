using Wso2Serverless.Simulator.Hosting;

namespace Wso2Serverless.Simulator.Tests.Hosting;

/// <summary>What a stand-in costs is counted against the invocation that waited for it, and no other.</summary>
public sealed class StandInTimeTests
{
    private static readonly TimeSpan Answer = TimeSpan.FromMilliseconds(40);
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(5);

    [Fact]
    public async Task EachInvocation_CountsOnlyTheRequestsItSent()
    {
        using var client = new HttpClient(StandInTime.Around(new SlowStandIn(Answer))) { BaseAddress = new Uri("http://stand-in.test/") };
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Three invocations at once: two requests, one request, none (it waits for the others).
        var two = Task.Run(async () =>
        {
            var account = StandInTime.Begin();
            (await client.GetAsync("a", TestContext.Current.CancellationToken)).Dispose();
            (await client.GetAsync("b", TestContext.Current.CancellationToken)).Dispose();
            return account.Elapsed;
        });
        var one = Task.Run(async () =>
        {
            var account = StandInTime.Begin();
            (await client.GetAsync("c", TestContext.Current.CancellationToken)).Dispose();
            return account.Elapsed;
        });
        var none = Task.Run(async () =>
        {
            var account = StandInTime.Begin();
            await gate.Task;
            return account.Elapsed;
        });
        var counted = await Task.WhenAll(two, one);
        gate.SetResult();

        // Task.Delay may end up to a timer tick before the stopwatch's full span: a few ms of slack, no more.
        counted[0].Should().BeGreaterThanOrEqualTo(2 * Answer - Slack);
        counted[1].Should().BeGreaterThanOrEqualTo(Answer - Slack);
        (await none).Should().Be(TimeSpan.Zero, "its neighbours' requests are theirs");
    }

    [Fact]
    public async Task ARequestOutsideAnyInvocation_IsCountedNowhere()
    {
        using var client = new HttpClient(StandInTime.Around(new SlowStandIn(TimeSpan.Zero))) { BaseAddress = new Uri("http://stand-in.test/") };

        var act = async () => (await client.GetAsync("setup", TestContext.Current.CancellationToken)).Dispose();

        await act.Should().NotThrowAsync();
    }

    private sealed class SlowStandIn(TimeSpan delay) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        }
    }
}

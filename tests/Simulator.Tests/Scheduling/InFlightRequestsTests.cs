using System.Net;
using Wso2Serverless.StandIns.Scheduling;

namespace Wso2Serverless.Simulator.Tests.Scheduling;

public sealed class InFlightRequestsTests
{
    [Fact]
    public async Task Requests_LeaveInTheOrderFlowsSentThem_EvenWhenTheFirstIsSlow()
    {
        var scheduler = new Scheduler(new SchedulerOptions { Seed = 1 });
        var server = new RecordingServer(slow: "/first");
        using var client = Client(scheduler, server);
        var sent = new List<string>();
        Task Send(string path)
        {
            lock (sent)
            {
                sent.Add(path);
            }

            return client.GetAsync(new Uri("http://moto" + path));
        }

        var first = scheduler.Spawn("first", () => Send("/first"));
        var second = scheduler.Spawn("second", () => Send("/second"));

        await scheduler.RunAsync(() => first.IsCompleted && second.IsCompleted, CancellationToken.None);

        // Either flow may run first (the seed picks); the server takes them in that order, one at a time.
        server.Log.Should().Equal(sent.SelectMany(p => new[] { $"start {p}", $"end {p}" }));
    }

    [Fact]
    public async Task Clock_WhileARequestIsInFlight_DoesNotMove()
    {
        var scheduler = new Scheduler(new SchedulerOptions { Seed = 1 });
        var server = new RecordingServer(slow: "/slow");
        using var client = Client(scheduler, server);
        var seen = new List<string>();
        var caller = scheduler.Spawn("caller", async () =>
        {
            await client.GetAsync(new Uri("http://moto/slow"));
            lock (seen)
            {
                seen.Add($"answered at {scheduler.Now:HH:mm:ss}");
            }
        });
        var waiter = scheduler.Spawn("waiter", async () =>
        {
            await scheduler.DelayAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
            lock (seen)
            {
                seen.Add($"woke at {scheduler.Now:HH:mm:ss}");
            }
        });

        await scheduler.RunAsync(() => caller.IsCompleted && waiter.IsCompleted, CancellationToken.None);

        seen.Should().Equal("answered at 09:00:00", "woke at 09:00:01");
        scheduler.Advances.Should().OnlyContain(a => a.WasQuiet);
    }

    [Fact]
    public async Task Request_OutsideAFlow_GoesStraightThrough()
    {
        var scheduler = new Scheduler(new SchedulerOptions { Seed = 1 });
        var server = new RecordingServer(slow: "none");
        using var client = Client(scheduler, server);

        using var response = await client.GetAsync(new Uri("http://moto/setup"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        server.Log.Should().Equal("start /setup", "end /setup");
    }

    private static HttpClient Client(Scheduler scheduler, HttpMessageHandler server)
    {
        var requests = new InFlightRequests(scheduler, "moto");
        scheduler.AddSource(requests, QuiescenceScope.Clock);
        return new HttpClient(requests.CreateHandler(server));
    }

    /// <summary>Answers after a real pause for one path, at once for the others, and logs what it is doing.</summary>
    private sealed class RecordingServer(string slow) : HttpMessageHandler
    {
        public List<string> Log { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            Note($"start {path}");
            await Task.Delay(path == slow ? 300 : 1, cancellationToken);
            Note($"end {path}");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") };
        }

        private void Note(string line)
        {
            lock (Log)
            {
                Log.Add(line);
            }
        }
    }
}

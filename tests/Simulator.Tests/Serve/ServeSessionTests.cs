using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Wso2Serverless.Aws.Signing;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Simulator.Cli;
using Wso2Serverless.Simulator.Hosting;
using Wso2Serverless.Simulator.Scenarios;
using Wso2Serverless.Simulator.Serve;

namespace Wso2Serverless.Simulator.Tests.Serve;

/// <summary>A served world in-process: what reaches the API function, and how serve stops.</summary>
public sealed partial class ServeSessionTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task ApiRequests_UnderDuplicateInvocations_ReachTheFunctionOnce_AndUnsignedOnesNever_AndStatusUrlsPointAtTheLocalApi()
    {
        var paths = RepoPaths.Locate();
        await using var api = LocalApi.Start(0, paths.ServerlessTemplate);
        var statuses = new List<HttpStatusCode>();
        var apiInvocations = -1;
        Uri? location = null;
        string? started = null;

        await Simulation.RunAsync(new SimulationOptions
        {
            Scenario = ScenarioCatalog.Find("duplicate-invocations")!,
            Seed = 3,
            Serve = new ServeMode(api.Endpoint, async (session, token) =>
            {
                api.Attach(session);
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
                var world = session.Scheduler.RunAsync(static () => false, stop.Token);
                using var signed = new HttpClient(new SigningHandler("execute-api", "us-east-1", new StaticCredentialSource("testing", "testing")) { InnerHandler = new HttpClientHandler() });
                using var unsigned = new HttpClient();
                using (var body = new StringContent(await File.ReadAllTextAsync(Path.Combine(paths.Root, "docs", "examples", "dev.json"), token), System.Text.Encoding.UTF8, "application/json"))
                using (var answer = await signed.PostAsync(new Uri(api.Endpoint, "deployments"), body, token))
                {
                    statuses.Add(answer.StatusCode);
                    location = answer.Headers.Location;
                    started = await answer.Content.ReadAsStringAsync(token);
                }

                foreach (var environment in (string[])["qa", "prod", "test"])
                {
                    using var answer = await signed.GetAsync(new Uri(api.Endpoint, $"environments/{environment}/deployments"), token);
                    statuses.Add(answer.StatusCode);
                }

                using (var refused = await unsigned.GetAsync(new Uri(api.Endpoint, "environments/dev/deployments"), token))
                {
                    statuses.Add(refused.StatusCode);
                }

                apiInvocations = session.Dispatcher.Invocations.Count(i => i.Handler == HandlerNames.Api);
                await stop.CancelAsync();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => world);
            }),
        }).WaitAsync(Patience);

        statuses.Should().Equal(HttpStatusCode.Accepted, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
        apiInvocations.Should().Be(4, "API Gateway invokes synchronously and never twice; the unsigned request stops at the gateway");
        using var run = System.Text.Json.JsonDocument.Parse(started!);
        var id = run.RootElement.GetProperty("deploymentId").GetString();
        run.RootElement.GetProperty("statusUrl").GetString().Should().Be($"{api.Endpoint}deployments/{id}");
        location.Should().Be(new Uri(api.Endpoint, $"deployments/{id}"));
    }

    [Fact]
    public async Task Serve_StoppedAfterItListens_Exits0_SayingSo_AndMotoIsGone()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var synchronizedOutput = TextWriter.Synchronized(output);
        using var stop = new CancellationTokenSource();

        var serving = ServeCommand.RunAsync(new CommandLine { Serve = true, Port = 0, Seed = 1 }, ScenarioCatalog.Find("happy")!, synchronizedOutput, error, null, stop.Token);
        var moto = await BannerMotoAsync(synchronizedOutput, output, serving);
        await stop.CancelAsync();
        var code = await serving.WaitAsync(Patience);

        code.Should().Be(0, error.ToString());
        output.ToString().Should().Contain("pace").And.EndWith("simulate --serve: stopped" + Environment.NewLine);
        output.ToString().Should().Contain("at most x120 real time (the default");
        using var probe = new TcpClient();
        await FluentActions.Awaiting(() => probe.ConnectAsync(moto.Host, moto.Port)).Should().ThrowAsync<SocketException>("moto stops with serve");
    }

    private static async Task<Uri> BannerMotoAsync(TextWriter synchronized, StringWriter output, Task<int> serving)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < Patience && !serving.IsCompleted)
        {
            string text;
            lock (synchronized)
            {
                text = output.ToString();
            }

            if (MotoLine().Match(text) is { Success: true } match)
            {
                return new Uri(match.Groups[1].Value);
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"serve printed no banner: {output}");
    }

    [GeneratedRegex(@"DynamoDB on moto at (http://\S+),")]
    private static partial Regex MotoLine();
}

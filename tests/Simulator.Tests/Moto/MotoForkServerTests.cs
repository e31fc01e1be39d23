using System.Text;
using Wso2Serverless.StandIns.Moto;

namespace Wso2Serverless.Simulator.Tests.Moto;

public sealed class MotoForkServerTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task ForkedServers_KeepTheirOwnState_AndTheirOwnRandomness()
    {
        using var forks = MotoForkServer.Start();
        await using var one = await forks.ForkAsync(serializeRequests: true);
        await using var other = await forks.ForkAsync(serializeRequests: true);
        other.Endpoint.Should().NotBe(one.Endpoint);

        // moto draws each response's request id from its random generator: a fork that kept
        // its parent's generator would repeat its sibling's ids (and resource ids).
        var (_, firstId) = await DynamoDb(one, "ListTables", "{}");
        var (_, secondId) = await DynamoDb(other, "ListTables", "{}");
        firstId.Should().NotBeNullOrEmpty();
        firstId.Should().NotBe(secondId);

        await DynamoDb(one, "CreateTable", """
            {"TableName":"only-here","BillingMode":"PAY_PER_REQUEST","KeySchema":[{"AttributeName":"PK","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"PK","AttributeType":"S"}]}
            """);
        (await DynamoDb(one, "ListTables", "{}")).Body.Should().Contain("only-here");
        (await DynamoDb(other, "ListTables", "{}")).Body.Should().NotContain("only-here");
    }

    [Fact]
    public async Task ForksAskedForAtOnce_EachGetTheirOwnServer()
    {
        // The servers share one stdout pipe: each must write its line whole, or two lines run together and a fork never hears back.
        using var forks = MotoForkServer.Start();
        for (var round = 0; round < 8; round++)
        {
            var servers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => forks.ForkAsync(serializeRequests: i % 2 == 0))));
            servers.Select(s => s.Endpoint).Distinct().Should().HaveCount(4);
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task DisposingAServer_StopsItAlone()
    {
        using var forks = MotoForkServer.Start();
        var stopped = await forks.ForkAsync(serializeRequests: true);
        await using var kept = await forks.ForkAsync(serializeRequests: false);

        await stopped.DisposeAsync();

        (await Answers(stopped)).Should().BeFalse();
        (await Answers(kept)).Should().BeTrue();
    }

    [Fact]
    public async Task DisposingTheForkServer_StopsEveryServerItForked()
    {
        var forks = MotoForkServer.Start();
        var servers = new[] { await forks.ForkAsync(serializeRequests: true), await forks.ForkAsync(serializeRequests: false) };
        foreach (var server in servers)
        {
            (await Answers(server)).Should().BeTrue();
        }

        forks.Dispose();

        foreach (var server in servers)
        {
            (await Answers(server)).Should().BeFalse("a server does not outlive the fork server that forked it");
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task AServer_DiesWithItsForkServer_EvenWhenThatIsKilled()
    {
        using var forks = MotoForkServer.Start();
        await using var server = await forks.ForkAsync(serializeRequests: true);

        using (var process = System.Diagnostics.Process.GetProcessById(forks.ProcessId))
        {
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
        }

        // The kernel sends the server SIGKILL as its parent exits (PR_SET_PDEATHSIG); it may take a moment to go.
        var answers = true;
        for (var attempt = 0; attempt < 100 && answers; attempt++)
        {
            answers = await Answers(server);
            if (answers)
            {
                await Task.Delay(50);
            }
        }

        answers.Should().BeFalse("a server does not outlive a fork server that was killed");
    }

    private static async Task<(string Body, string? RequestId)> DynamoDb(MotoServer server, string action, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Endpoint)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.0"),
        };
        request.Content.Headers.ContentType!.CharSet = null;
        request.Headers.Add("X-Amz-Target", "DynamoDB_20120810." + action);
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20261201/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var id = response.Headers.TryGetValues("x-amzn-RequestId", out var values) ? values.Single() : null;
        return (await response.Content.ReadAsStringAsync(), id);
    }

    private static async Task<bool> Answers(MotoServer server)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(server.Endpoint, "/moto-api/"));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}

using System.Net;
using System.Net.Sockets;
using Wso2Serverless.Aws.Probing;
using Wso2Serverless.Aws.Tests.Http;

namespace Wso2Serverless.Aws.Tests.Probing;

public sealed class EndpointProbeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(200)]
    [InlineData(302)]
    [InlineData(401)]
    [InlineData(403)]
    public async Task Probe_WhenServing_IsHealthy(int status)
    {
        await using var stub = new StubServer { Fallback = new StubResponse(status, "", "text/html") };
        using var http = HttpEndpointProbe.CreateClient();

        var problem = await new HttpEndpointProbe(http).ProbeAsync(stub.Endpoint, TimeSpan.FromSeconds(10), Ct);

        problem.Should().BeNull();
    }

    [Theory]
    [InlineData(404)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Probe_WhenNotServing_SaysTheStatus(int status)
    {
        await using var stub = new StubServer { Fallback = new StubResponse(status, "", "text/html") };
        using var http = HttpEndpointProbe.CreateClient();

        var problem = await new HttpEndpointProbe(http).ProbeAsync(stub.Endpoint, TimeSpan.FromSeconds(10), Ct);

        problem.Should().Be($"HTTP {status} from {stub.Endpoint}");
    }

    [Fact]
    public async Task Probe_WhenNoAnswerInTime_SaysItTimedOut()
    {
        // The stub never answers, so the probe's own deadline is what ends the call.
        await using var stub = new StubServer { Fallback = new StubResponse(200, Hang: true) };
        using var http = HttpEndpointProbe.CreateClient();

        var problem = await new HttpEndpointProbe(http).ProbeAsync(stub.Endpoint, TimeSpan.FromMilliseconds(300), Ct);

        problem.Should().Contain("no answer").And.Contain("within 0.3 s");
    }

    [Fact]
    public async Task Probe_WhenRefused_SaysSo()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var http = HttpEndpointProbe.CreateClient();

        var problem = await new HttpEndpointProbe(http).ProbeAsync(new Uri($"http://127.0.0.1:{port}/"), TimeSpan.FromSeconds(5), Ct);

        problem.Should().Contain("ConnectionRefused");
    }
}

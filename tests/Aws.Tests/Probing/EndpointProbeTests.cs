using System.Net;
using System.Net.Sockets;
using Wso2Serverless.Aws.Probing;
using Wso2Serverless.Aws.Tests.Http;

namespace Wso2Serverless.Aws.Tests.Probing;

public sealed class EndpointProbeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly HttpEndpointProbe Probe = new();

    [Fact]
    public async Task Probe_OverHttps_AcceptsExactlyTheStacksCertificate()
    {
        // Self-signed and named for another host, as an IAM server certificate on an ALB's DNS name is.
        await using var server = new TlsStubServer(TlsStubServer.SelfSigned());

        var problem = await Probe.ProbeAsync(server.Endpoint, [server.Certificate.ExportCertificatePem()], TimeSpan.FromSeconds(10), Ct);

        problem.Should().BeNull();
        server.Requests.Should().Be(1);
    }

    [Fact]
    public async Task Probe_OverHttps_RefusesAnotherSelfSignedCertificate()
    {
        await using var server = new TlsStubServer(TlsStubServer.SelfSigned("CN=impostor.example.com"));
        using var ours = TlsStubServer.SelfSigned("CN=wso2.example.com");

        var problem = await Probe.ProbeAsync(server.Endpoint, [ours.ExportCertificatePem()], TimeSpan.FromSeconds(10), Ct);

        problem.Should().Contain("not the stack's").And.Contain("CN=impostor.example.com")
            .And.Contain(server.Certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256));
        server.Requests.Should().Be(0, "no request may be sent to an endpoint whose certificate was refused");
    }

    [Fact]
    public async Task Probe_OverHttps_WithNothingTrusted_RefusesEvenAValidlyNamedCertificate()
    {
        await using var server = new TlsStubServer(TlsStubServer.SelfSigned("CN=127.0.0.1"));

        var problem = await Probe.ProbeAsync(server.Endpoint, [], TimeSpan.FromSeconds(10), Ct);

        problem.Should().Contain("not the stack's");
        server.Requests.Should().Be(0);
    }

    [Fact]
    public async Task Probe_OverHttps_TrustsNoOneOnceTheCallIsOver()
    {
        // A second call with another trust set must not reuse the first call's connection.
        await using var server = new TlsStubServer(TlsStubServer.SelfSigned());
        (await Probe.ProbeAsync(server.Endpoint, [server.Certificate.ExportCertificatePem()], TimeSpan.FromSeconds(10), Ct)).Should().BeNull();
        using var other = TlsStubServer.SelfSigned("CN=other");

        var problem = await Probe.ProbeAsync(server.Endpoint, [other.ExportCertificatePem()], TimeSpan.FromSeconds(10), Ct);

        problem.Should().Contain("not the stack's");
    }

    [Theory]
    [InlineData(200)]
    [InlineData(302)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)] // the gateway answers "/" with 404: the product answered
    public async Task Probe_WhenTheProductAnswers_IsHealthy(int status)
    {
        await using var stub = new StubServer { Fallback = new StubResponse(status, "", "text/html") };

        var problem = await Probe.ProbeAsync(stub.Endpoint, [], TimeSpan.FromSeconds(10), Ct);

        problem.Should().BeNull();
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Probe_WhenTheLoadBalancerCannotForward_SaysTheStatus(int status)
    {
        await using var stub = new StubServer { Fallback = new StubResponse(status, "", "text/html") };

        var problem = await Probe.ProbeAsync(stub.Endpoint, [], TimeSpan.FromSeconds(10), Ct);

        problem.Should().Be($"HTTP {status} from {stub.Endpoint}");
    }

    [Fact]
    public async Task Probe_WhenNoAnswerInTime_SaysItTimedOut()
    {
        // The stub never answers, so the probe's own deadline is what ends the call.
        await using var stub = new StubServer { Fallback = new StubResponse(200, Hang: true) };

        var problem = await Probe.ProbeAsync(stub.Endpoint, [], TimeSpan.FromMilliseconds(300), Ct);

        problem.Should().Contain("no answer").And.Contain("within 0.3 s").And.Contain("ClientCidr");
    }

    [Fact]
    public async Task Probe_WhenRefused_SaysSo()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var problem = await Probe.ProbeAsync(new Uri($"http://127.0.0.1:{port}/"), [], TimeSpan.FromSeconds(5), Ct);

        problem.Should().Contain("ConnectionRefused");
    }
}

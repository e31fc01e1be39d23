using System.Net;
using System.Net.Sockets;
using Wso2Serverless.Simulator.Cli;
using Wso2Serverless.Simulator.Scenarios;
using Wso2Serverless.Simulator.Serve;

namespace Wso2Serverless.Simulator.Tests.Serve;

/// <summary>simulate --serve on a port someone else holds.</summary>
public sealed class ServePortTests
{
    [Fact]
    public async Task Serve_OnAPortInUse_Exits2_BeforeTheWorldStarts_NamingThePortAndTheWayOut()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await ServeCommand.RunAsync(new CommandLine { Serve = true, Port = port }, ScenarioCatalog.Find("happy")!, output, error, null, CancellationToken.None);

        code.Should().Be(2, error.ToString());
        error.ToString().Should().Contain($"cannot listen on 127.0.0.1:{port}").And.Contain("--port 0 picks a free port");
        output.ToString().Should().BeEmpty("nothing was started: no banner");
    }
}

using System.Net;
using System.Net.Sockets;

namespace Wso2Serverless.Benchmarks;

/// <summary>Ports for the bench's loopback servers.</summary>
internal static class Loopback
{
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

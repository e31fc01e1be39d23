using System.Net;
using System.Net.Sockets;
using Wso2Serverless.StandIns.Http;

namespace Wso2Serverless.Simulator.Tests.Hosting;

public sealed class LoopbackHttpListenerTests
{
    [Fact]
    public void APortTakenBeforeTheListenerBindsIt_IsLeftForTheNextDraw()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var busy = ((IPEndPoint)taken.LocalEndpoint).Port;
        var draws = new Queue<int>([busy, busy, 0]);

        var (listener, port) = LoopbackHttpListener.Start(() => draws.Peek() == 0 ? FreePort() : draws.Dequeue());
        using (listener)
        {
            port.Should().NotBe(busy);
            listener.IsListening.Should().BeTrue();
            draws.Should().ContainSingle("both draws of the taken port were refused before a free one");
        }
    }

    [Fact]
    public void Close_AfterStop_BindsThePortAgain_WhileCloseAlone_ReleasesIt()
    {
        // Why every listener of ours is closed with Close() alone (seen failing a runtime test).
        var (stopped, port) = LoopbackHttpListener.Start();
        stopped.Stop();
        using (var other = new TcpListener(IPAddress.Loopback, port))
        {
            other.Start();
            stopped.Invoking(l => l.Close()).Should().Throw<HttpListenerException>("Close after Stop binds the port again, which another socket now holds");
            other.Stop();
        }

        var (closed, free) = LoopbackHttpListener.Start();
        closed.Close();
        using var next = new TcpListener(IPAddress.Loopback, free);
        next.Invoking(n => n.Start()).Should().NotThrow("Close alone lets the port go at once");
    }

    [Fact]
    public void ADrawnPort_LiesBelowTheKernelsEphemeralRange()
    {
        var ephemeralStart = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        var started = Enumerable.Range(0, 20).Select(_ => LoopbackHttpListener.Start()).ToList();
        try
        {
            started.Should().OnlyContain(s => s.Port >= LoopbackHttpListener.FirstPort && s.Port < LoopbackHttpListener.EndPort && s.Listener.IsListening);
            LoopbackHttpListener.EndPort.Should().Be(ephemeralStart, "ports the kernel hands out for port 0 and client connections never collide with ours");
        }
        finally
        {
            started.ForEach(s => s.Listener.Close());
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

using System.Net;

namespace Wso2Serverless.StandIns.Http;

/// <summary>
/// An <see cref="HttpListener"/> on a loopback port of its own. HttpListener cannot bind port 0,
/// and a port the kernel handed out for a probe can be taken again before the listener binds it
/// (moto and Node bind port 0 beside us; chaos seed 44 lost five such races in a row). So the port
/// is drawn at random below the kernel's ephemeral range (32768-60999 by default on Linux), where
/// neither port-0 binds nor client connections land, and drawn again while it is taken.
/// Close a listener with Close() alone: after Stop(), Close() binds the port again.
/// </summary>
public static class LoopbackHttpListener
{
    /// <summary>One past the last port drawn: the start of the kernel's ephemeral range (32768 if unknown).</summary>
    public static int EndPort { get; } = EphemeralStart();

    /// <summary>The first port drawn.</summary>
    public static int FirstPort { get; } = Math.Max(1024, EndPort - 12768);

    private const int Attempts = 50;

    /// <summary>Starts a listener on <paramref name="port"/>, or on a drawn free port when it is 0.</summary>
    public static (HttpListener Listener, int Port) Start(int port = 0) =>
        Start(port != 0 ? () => port : () => Random.Shared.Next(FirstPort, EndPort), retry: port == 0);

    private static int EphemeralStart()
    {
        const string Range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(Range) && int.TryParse(File.ReadAllText(Range).Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0],
            System.Globalization.CultureInfo.InvariantCulture, out var start) && start > 2048 ? start : 32768;
    }

    /// <summary>Starts a listener on the first port <paramref name="choose"/> gives that is free (tests choose).</summary>
    public static (HttpListener Listener, int Port) Start(Func<int> choose, bool retry = true)
    {
        ArgumentNullException.ThrowIfNull(choose);
        for (var attempt = 1; ; attempt++)
        {
            var port = choose();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (retry && attempt < Attempts)
            {
                listener.Close();
            }
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Wso2Serverless.StandIns.Moto;

/// <summary>
/// A <c>moto_server</c> process on a free loopback port: the real AWS wire protocols for
/// DynamoDB, SSM, CloudFormation, Step Functions and SNS, on this machine. Tests and
/// <c>simulate</c> start one, point <c>AWS_ENDPOINT_URL</c> at <see cref="Endpoint"/> and dispose it.
/// </summary>
public sealed class MotoServer : IAsyncDisposable, IDisposable
{
    private readonly Process _process;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private MotoServer(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    /// <summary>Starts moto_server and waits until it answers (about a second).</summary>
    public static Task<MotoServer> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(serializeRequests: false, cancellationToken);

    /// <summary>
    /// Starts moto and waits until it answers. With <paramref name="serializeRequests"/>, moto
    /// handles one request at a time: moto_server is threaded and its DynamoDB evaluates a
    /// condition and writes the item in two steps, so concurrent conditional writes can both
    /// pass, which real DynamoDB never allows. Race tests need the serialized server.
    /// </summary>
    public static async Task<MotoServer> StartAsync(bool serializeRequests, CancellationToken cancellationToken = default)
    {
        var port = FreeLoopbackPort();
        var portText = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo(serializeRequests
            ? Environment.GetEnvironmentVariable("MOTO_PYTHON") ?? "python3"
            : Environment.GetEnvironmentVariable("MOTO_SERVER") ?? "moto_server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (serializeRequests)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(SerializedServerScript);
            start.ArgumentList.Add(portText);
        }
        else
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add("127.0.0.1");
            start.ArgumentList.Add("-p");
            start.ArgumentList.Add(portText);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start.");
        // Drain its request log so a full pipe never blocks it.
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new MotoServer(process, new Uri($"http://127.0.0.1:{port}"));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"moto_server exited with code {process.ExitCode} before it was ready.");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri(server.Endpoint, "/moto-api/"), cancellationToken).ConfigureAwait(false);
                return server;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Forgets every resource moto holds.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        using var response = await Http.PostAsync(new Uri(Endpoint, "/moto-api/reset"), null, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>moto_server's own startup, with werkzeug's threads turned off.</summary>
    private const string SerializedServerScript = """
        import os, sys
        from werkzeug.serving import run_simple
        from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
        os.environ.setdefault("MOTO_PORT", sys.argv[1])
        run_simple("127.0.0.1", int(sys.argv[1]), DomainDispatcherApplication(create_backend_app), threaded=False)
        """;

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}

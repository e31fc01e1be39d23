using System.Diagnostics;

namespace Wso2Serverless.StandIns.Moto;

/// <summary>
/// A <c>moto_server</c> process on a free loopback port: the real AWS wire protocols for
/// DynamoDB, SSM, CloudFormation, Step Functions and SNS, on this machine. Tests and
/// <c>simulate</c> start one, point <c>AWS_ENDPOINT_URL</c> at <see cref="Endpoint"/> and dispose it.
/// </summary>
public sealed class MotoServer : IAsyncDisposable, IDisposable
{
    private readonly Action _stop;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private MotoServer(Action stop, Uri endpoint)
    {
        _stop = stop;
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
    public static Task<MotoServer> StartAsync(bool serializeRequests, CancellationToken cancellationToken = default) =>
        StartAsync(serializeRequests, patched: true, cancellationToken);

    /// <summary>
    /// Starts moto; without <paramref name="patched"/> it runs exactly as shipped, which the tests
    /// use to show that the speed patches of moto_server.py change no answer.
    /// </summary>
    public static async Task<MotoServer> StartAsync(bool serializeRequests, bool patched, CancellationToken cancellationToken = default)
    {
        // moto binds port 0 itself and says which port it got. Choosing a free port here and
        // handing it over raced: while Python imported moto, another process (a Node runner
        // listening on port 0) could take the port, moto exited, and the readiness probe was
        // answered by the intruder (seen as "connection refused" mid-run with many runs at once).
        var process = StartPython(serializeRequests ? "serial" : "threaded", patched, redirectInput: false);
        var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith(PortLinePrefix, StringComparison.Ordinal)
                && int.TryParse(line.AsSpan(PortLinePrefix.Length), System.Globalization.CultureInfo.InvariantCulture, out var p))
            {
                port.TrySetResult(p);
            }
        };
        process.BeginOutputReadLine();
        _ = process.WaitForExitAsync(CancellationToken.None).ContinueWith(
            _ => port.TrySetException(new InvalidOperationException("moto_server exited before it was ready.")), TaskScheduler.Default);

        try
        {
            var bound = await port.Task.WaitAsync(StartTimeout, cancellationToken).ConfigureAwait(false);
            return await ReadyAsync(() => Stop(process), bound, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    /// <summary>
    /// A serialized or threaded server forked from this process's moto fork server
    /// (<see cref="MotoForkServer.Shared"/>): moto is imported once per process, not once per
    /// server. It ends when this process does, so a server to keep running uses <see cref="StartAsync(bool, bool, CancellationToken)"/>.
    /// </summary>
    public static Task<MotoServer> ForkAsync(bool serializeRequests, CancellationToken cancellationToken = default) =>
        MotoForkServer.Shared.ForkAsync(serializeRequests, cancellationToken);

    internal static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>python3 running moto_server.py in <paramref name="mode"/>; what it writes to stderr (warnings) is drained so a full pipe never blocks it.</summary>
    internal static Process StartPython(string mode, bool patched, bool redirectInput)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("MOTO_PYTHON") ?? "python3")
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Unbuffered wherever it runs (this machine's environment sets it, others may not): the same pipes everywhere.
        start.Environment["PYTHONUNBUFFERED"] = "1";
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(ServerScript);
        start.ArgumentList.Add(mode);
        start.ArgumentList.Add(patched ? "patched" : "unpatched");

        var process = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start.");
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The server on <paramref name="port"/> once it answers; <paramref name="stop"/> ends it.</summary>
    internal static async Task<MotoServer> ReadyAsync(Action stop, int port, CancellationToken cancellationToken)
    {
        var server = new MotoServer(stop, new Uri($"http://127.0.0.1:{port}"));
        using var response = await Http.GetAsync(new Uri(server.Endpoint, "/moto-api/"), cancellationToken).ConfigureAwait(false);
        return server;
    }

    internal static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }

        process.Dispose();
    }

    private const string PortLinePrefix = "MOTO_PORT=";

    /// <summary>moto_server.py, shipped inside this assembly: moto's app, patched for speed only.</summary>
    private static readonly string ServerScript = ReadServerScript();

    private static string ReadServerScript()
    {
        using var stream = typeof(MotoServer).Assembly.GetManifestResourceStream("moto_server.py")
            ?? throw new InvalidOperationException("moto_server.py is not embedded in the StandIns assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Forgets every resource moto holds.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        using var response = await Http.PostAsync(new Uri(Endpoint, "/moto-api/reset"), null, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _stop();

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Wso2Serverless.StandIns.Moto;

/// <summary>
/// One python3 that has imported moto (patched) and forks a fresh moto server per request:
/// a server costs a fork (tens of milliseconds of CPU) instead of Python's start and moto's
/// imports (about 0.7 s). Protocol: we write <c>serial|threaded ID</c> to its stdin, the new
/// server writes <c>MOTO_FORK=ID PID PORT</c> (or <c>MOTO_FORK=ID failed REASON</c>) to the shared
/// stdout. It exits when its stdin closes (this process ended or disposed it), and the kernel then
/// kills every server it forked (PR_SET_PDEATHSIG).
/// </summary>
public sealed class MotoForkServer : IDisposable
{
    private const string ForkLinePrefix = "MOTO_FORK=";

    private static readonly object SharedLock = new();
    private static MotoForkServer? _shared;

    private readonly Process _process;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<(int Pid, int Port)>> _pending = new();
    private readonly object _writeLock = new();
    private int _nextId;

    private MotoForkServer(Process process) => _process = process;

    /// <summary>The fork server's own process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>This process's fork server, started on first use and again if it has ended.</summary>
    public static MotoForkServer Shared
    {
        get
        {
            lock (SharedLock)
            {
                if (_shared is null || _shared._process.HasExited)
                {
                    _shared?._process.Dispose();
                    _shared = Start();
                }

                return _shared;
            }
        }
    }

    /// <summary>A fork server of one's own (tests of the protocol); <see cref="Shared"/> serves everything else.</summary>
    public static MotoForkServer Start()
    {
        var process = MotoServer.StartPython("forks", patched: true, redirectInput: true);
        var forks = new MotoForkServer(process);
        process.OutputDataReceived += (_, e) => forks.OnLine(e.Data);
        process.BeginOutputReadLine();
        _ = process.WaitForExitAsync(CancellationToken.None).ContinueWith(_ => forks.FailPending(), TaskScheduler.Default);
        return forks;
    }

    /// <summary>A new server, ready to answer.</summary>
    public async Task<MotoServer> ForkAsync(bool serializeRequests, CancellationToken cancellationToken = default)
    {
        var id = Interlocked.Increment(ref _nextId);
        var forked = new TaskCompletionSource<(int Pid, int Port)>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = forked;
        (int Pid, int Port) server;
        try
        {
            lock (_writeLock)
            {
                _process.StandardInput.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(serializeRequests ? "serial" : "threaded")} {id}"));
                _process.StandardInput.Flush();
            }

            if (_process.HasExited)
            {
                FailPending();
            }

            server = await forked.Task.WaitAsync(MotoServer.StartTimeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }

        var process = ForkedProcess.Find(server.Pid)
            ?? throw new InvalidOperationException($"the forked moto server {server.Pid} ended before it was ready.");
        try
        {
            return await MotoServer.ReadyAsync(process.Stop, server.Port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            process.Stop();
            throw;
        }
    }

    private void OnLine(string? line)
    {
        if (line is null || !line.StartsWith(ForkLinePrefix, StringComparison.Ordinal))
        {
            return;
        }

        var parts = line[ForkLinePrefix.Length..].Split(' ', 3);
        if (parts is [var failedId, "failed", var reason]
            && int.TryParse(failedId, CultureInfo.InvariantCulture, out var failed)
            && _pending.TryGetValue(failed, out var failedFork))
        {
            failedFork.TrySetException(new InvalidOperationException("a forked moto server did not start: " + reason));
        }
        else if (parts.Length == 3
            && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var id)
            && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var pid)
            && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var port))
        {
            if (!_pending.TryGetValue(id, out var forked) || !forked.TrySetResult((pid, port)))
            {
                // Nobody waits for it any more (timed out or cancelled): it would run until this process ends.
                ForkedProcess.Find(pid)?.Stop();
            }
        }
    }

    private void FailPending()
    {
        foreach (var forked in _pending.Values)
        {
            forked.TrySetException(new InvalidOperationException("the moto fork server exited before the server was ready."));
        }
    }

    /// <summary>Closes its stdin, which ends it and every server it forked.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000))
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }
}

using System.Collections.Concurrent;

namespace Wso2Serverless.StandIns.Moto;

/// <summary>
/// Serialized moto servers, forked from <see cref="MotoForkServer.Shared"/>, lent out one run at a
/// time and reused: a reset costs milliseconds. The borrower resets it (a simulation does, through
/// <c>SharedMoto</c>); a run that failed hands its server back stopped.
/// </summary>
public sealed class MotoPool : IAsyncDisposable
{
    private readonly ConcurrentBag<MotoServer> _idle = [];
    private readonly ConcurrentDictionary<MotoServer, bool> _started = new();

    /// <summary>An idle server, or a new one when every server is lent.</summary>
    public async Task<MotoServer> RentAsync(CancellationToken cancellationToken = default)
    {
        if (_idle.TryTake(out var idle))
        {
            return idle;
        }

        var started = await MotoServer.ForkAsync(serializeRequests: true, cancellationToken).ConfigureAwait(false);
        _started[started] = true;
        return started;
    }

    /// <summary>Takes a server back for the next borrower.</summary>
    public void Return(MotoServer server) => _idle.Add(server);

    /// <summary>Takes a server back emptied, for borrowers that do not reset it themselves (test classes).</summary>
    public async Task ReturnResetAsync(MotoServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        await server.ResetAsync().ConfigureAwait(false);
        Return(server);
    }

    /// <summary>Runs <paramref name="use"/> with a lent server; takes it back after a run that returned, stops it after one that threw.</summary>
    public async Task<T> UseAsync<T>(Func<MotoServer, Task<T>> use, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(use);
        var server = await RentAsync(cancellationToken).ConfigureAwait(false);
        T result;
        try
        {
            result = await use(server).ConfigureAwait(false);
        }
        catch
        {
            // It may be why the run failed: the next borrower gets a new one.
            await DiscardAsync(server).ConfigureAwait(false);
            throw;
        }

        Return(server);
        return result;
    }

    private async Task DiscardAsync(MotoServer server)
    {
        if (_started.TryRemove(server, out _))
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _started.Keys)
        {
            await DiscardAsync(server).ConfigureAwait(false);
        }
    }
}

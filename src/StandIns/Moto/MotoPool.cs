using System.Collections.Concurrent;

namespace Wso2Serverless.StandIns.Moto;

/// <summary>
/// Serialized moto servers lent out one run at a time and reused: starting one costs about a
/// second of CPU (Python, moto's imports, its DynamoDB model), a reset milliseconds. The borrower
/// resets it (a simulation does, through <c>SharedMoto</c>).
/// </summary>
public sealed class MotoPool : IAsyncDisposable
{
    private readonly ConcurrentBag<MotoServer> _idle = [];
    private readonly ConcurrentBag<MotoServer> _started = [];

    /// <summary>An idle server, or a new one when every server is lent.</summary>
    public async Task<MotoServer> RentAsync(CancellationToken cancellationToken = default)
    {
        if (_idle.TryTake(out var idle))
        {
            return idle;
        }

        var started = await MotoServer.StartAsync(serializeRequests: true, cancellationToken).ConfigureAwait(false);
        _started.Add(started);
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

    /// <summary>Runs <paramref name="use"/> with a lent server and takes it back afterwards, whatever the outcome.</summary>
    public async Task<T> UseAsync<T>(Func<MotoServer, Task<T>> use, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(use);
        var server = await RentAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await use(server).ConfigureAwait(false);
        }
        finally
        {
            Return(server);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _started)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }
}

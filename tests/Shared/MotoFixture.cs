using Wso2Serverless.StandIns.Moto;

[assembly: AssemblyFixture(typeof(Wso2Serverless.Tests.Shared.MotoServers))]

namespace Wso2Serverless.Tests.Shared;

/// <summary>
/// A serialized <c>moto_server</c> for each test class (<c>IClassFixture&lt;MotoFixture&gt;</c>), lent from
/// <see cref="MotoServers"/> and emptied when the class is done: classes running in parallel never
/// share one, and the next class does not pay for starting Python and moto again. Serialized:
/// conditional writes are atomic there, as in DynamoDB.
/// </summary>
public sealed class MotoFixture : IAsyncLifetime
{
    private MotoServer? _server;

    public MotoServer Server => _server ?? throw new InvalidOperationException("moto_server is not started.");

    public Uri Endpoint => Server.Endpoint;

    public const string Region = "us-east-1";

    public async ValueTask InitializeAsync() => _server = await MotoServers.Pool.RentAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await MotoServers.Pool.ReturnResetAsync(_server);
        }
    }
}

/// <summary>The test assembly's moto servers, stopped when its last test has run.</summary>
public sealed class MotoServers : IAsyncDisposable
{
    public static MotoPool Pool { get; } = new();

    public ValueTask DisposeAsync() => Pool.DisposeAsync();
}

using Wso2Serverless.StandIns.Moto;

namespace Wso2Serverless.Functions.Tests;

/// <summary>One serialized <c>moto_server</c> per test class: conditional writes are atomic there, as in DynamoDB.</summary>
public sealed class MotoFixture : IAsyncLifetime
{
    private MotoServer? _server;

    public Uri Endpoint => (_server ?? throw new InvalidOperationException("moto_server is not started.")).Endpoint;

    public async ValueTask InitializeAsync() => _server = await MotoServer.StartAsync(serializeRequests: true);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

using Wso2Serverless.StandIns.Moto;

namespace Wso2Serverless.Aws.Tests;

/// <summary>
/// One <c>moto_server</c> per test class (<c>IClassFixture&lt;MotoFixture&gt;</c>), so a class that
/// resets moto never disturbs another running in parallel.
/// </summary>
public sealed class MotoFixture : IAsyncLifetime
{
    private MotoServer? _server;

    public MotoServer Server => _server ?? throw new InvalidOperationException("moto_server is not started.");

    public Uri Endpoint => Server.Endpoint;

    public const string Region = "us-east-1";

    // Serialized: the DynamoDB race tests need conditional writes to be atomic, as in AWS.
    public async ValueTask InitializeAsync() => _server = await MotoServer.StartAsync(serializeRequests: true);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

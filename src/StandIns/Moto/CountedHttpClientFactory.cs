using Amazon.Runtime;
using Wso2Serverless.StandIns.Scheduling;

namespace Wso2Serverless.StandIns.Moto;

/// <summary>
/// Gives an AWS SDK client (the simulator's DynamoDB client on moto) an HttpClient whose requests
/// <see cref="InFlightRequests"/> counts, so the virtual clock never moves while one is under way.
/// </summary>
public sealed class CountedHttpClientFactory(InFlightRequests requests) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
        new(requests.CreateHandler(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }));
}

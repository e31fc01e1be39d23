using Wso2Serverless.Aws.Signing;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Aws.Http;

/// <summary>
/// Builds the <see cref="HttpClient"/> our service clients share the shape of: retry outside,
/// SigV4 inside, the resolved endpoint as base address.
/// </summary>
public static class AwsHttp
{
    public static HttpClient CreateClient(
        AwsService service,
        AwsEndpoints endpoints,
        ICredentialSource? credentials = null,
        RetryOptions? retry = null,
        HttpMessageHandler? transport = null,
        IClock? clock = null,
        string? signingRegion = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(endpoints);
        var signing = new SigningHandler(service.SigningName, signingRegion ?? endpoints.SigningRegion(service), credentials ?? EnvironmentCredentialSource.Instance, clock,
            sendContentSha256: service == AwsService.S3)
        {
            InnerHandler = transport ?? endpoints.Transport?.Invoke() ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
        };
        var retrying = new RetryHandler(retry ?? RetryOptions.Default) { InnerHandler = signing };
        return new HttpClient(retrying)
        {
            BaseAddress = endpoints.Resolve(service),
            Timeout = TimeSpan.FromSeconds(60),
        };
    }
}

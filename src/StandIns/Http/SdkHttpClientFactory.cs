using Amazon.Runtime;

namespace Wso2Serverless.StandIns.Http;

/// <summary>
/// Puts a handler of ours into an AWS SDK client's HTTP pipeline (<c>config.HttpClientFactory</c>),
/// so a test or a chaos run can count or disturb every request the real client sends.
/// </summary>
public sealed class SdkHttpClientFactory(Func<HttpMessageHandler, DelegatingHandler> wrap) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
        ArgumentNullException.ThrowIfNull(clientConfig);
        var handler = wrap(new SocketsHttpHandler { AllowAutoRedirect = false });
        return new HttpClient(handler, disposeHandler: true) { Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(100) };
    }

    /// <summary>Every request of the client passes through <paramref name="handler"/>, then goes out.</summary>
    public static SdkHttpClientFactory Through(DelegatingHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return new SdkHttpClientFactory(inner =>
        {
            handler.InnerHandler = inner;
            return handler;
        });
    }

    // One HttpClient per SDK client, built here: the SDK must neither share it nor dispose it per call.
    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => true;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    public override string? GetConfigUniqueString(IClientConfig clientConfig) => null;
}

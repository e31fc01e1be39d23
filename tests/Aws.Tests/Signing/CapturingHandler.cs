using System.Net;

namespace Wso2Serverless.Aws.Tests.Signing;

/// <summary>The end of a handler chain that keeps what it was sent, for unit tests of the signer.</summary>
public sealed class CapturingHandler : HttpMessageHandler
{
    public string? Authorization { get; private set; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public int Calls { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Calls++;
        Headers.Clear();
        foreach (var header in request.Headers)
        {
            Headers[header.Key] = string.Join(",", header.Value);
        }

        Authorization = Headers.GetValueOrDefault("Authorization");
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") });
    }
}

using System.Net;
using System.Net.Sockets;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Aws.Probing;

/// <summary>
/// The Verify phase's check: one GET that must answer in time. Healthy means the product is
/// up and routing: any 2xx or 3xx, and also 401/403, because the API Manager and Micro
/// Integrator endpoints answer unauthenticated calls with those once they are serving. 404 and
/// 5xx mean the load balancer has no healthy target or the product is broken.
/// </summary>
public sealed class HttpEndpointProbe(HttpClient http) : IEndpointProbe
{
    public async Task<string?> ProbeAsync(Uri endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            return IsHealthy(response.StatusCode) ? null : $"HTTP {(int)response.StatusCode} from {endpoint}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer from {endpoint} within {timeout.TotalSeconds:0.#} s";
        }
        catch (HttpRequestException e)
        {
            return e.InnerException is SocketException socket
                ? $"{endpoint}: {socket.SocketErrorCode}"
                : $"{endpoint}: {e.HttpRequestError}";
        }
    }

    public static bool IsHealthy(HttpStatusCode status) =>
        (int)status is >= 200 and < 400 || status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;

    /// <summary>
    /// Redirects are not followed: a 3xx already proves the endpoint serves, and following one
    /// could probe somewhere else. Certificates are validated unless the environment is known to
    /// run on a self-signed one (a dev stack without an ACM certificate), which the operator opts into.
    /// </summary>
    public static HttpClient CreateClient(bool acceptUntrustedCertificates = false) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        SslOptions =
        {
            RemoteCertificateValidationCallback = (_, _, _, errors) =>
                errors == System.Net.Security.SslPolicyErrors.None || acceptUntrustedCertificates,
        },
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
}

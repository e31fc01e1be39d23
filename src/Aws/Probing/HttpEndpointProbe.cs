using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Aws.Probing;

/// <summary>
/// Verify's opt-in probe: one GET through the load balancer that must answer in time. Any answer
/// below 500 counts (the gateway answers "/" with 404, the consoles with redirects or 401): the
/// load balancer forwarded and the product answered; 502/503/504 are the load balancer saying it
/// could not. An HTTPS endpoint is trusted only when the certificate it serves is byte for byte
/// one of the stack's listener certificates: the load balancer's DNS name never matches an IAM
/// certificate's name, so name and chain checks would fail a good stack, and "accept anything"
/// would pass an impostor. There is no switch to accept anything else.
/// </summary>
public sealed class HttpEndpointProbe : IEndpointProbe
{
    public async Task<string?> ProbeAsync(Uri endpoint, IReadOnlyCollection<string> trustedCertificates, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(trustedCertificates);
        var pin = new CertificatePin(trustedCertificates);
        // One handler per probe: a pooled connection must never carry one stack's trust to another call.
        using var http = CreateClient(pin);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            return IsAnswer(response.StatusCode) ? null : $"HTTP {(int)response.StatusCode} from {endpoint}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer from {endpoint} within {timeout.TotalSeconds:0.#} s (is the caller inside the listener's ClientCidr?)";
        }
        catch (HttpRequestException) when (pin.Refused is { } served)
        {
            return $"{endpoint} served a certificate that is not the stack's ({served})";
        }
        catch (HttpRequestException e)
        {
            return e.InnerException switch
            {
                SocketException socket => $"{endpoint}: {socket.SocketErrorCode}",
                AuthenticationException tls => $"{endpoint}: TLS failed: {tls.Message}",
                _ => $"{endpoint}: {e.HttpRequestError}",
            };
        }
    }

    /// <summary>The load balancer forwarded and the product answered (anything but a 5xx).</summary>
    public static bool IsAnswer(HttpStatusCode status) => (int)status is >= 200 and < 500;

    /// <summary>Redirects are not followed: a 3xx already proves the endpoint serves, and following one could probe somewhere else.</summary>
    private static HttpClient CreateClient(CertificatePin pin) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.Zero,
        SslOptions = { RemoteCertificateValidationCallback = pin.Validate },
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>Accepts exactly the trusted certificates (compared as DER), whatever the name or chain says.</summary>
    private sealed class CertificatePin
    {
        private readonly List<byte[]> _trusted;

        public CertificatePin(IReadOnlyCollection<string> pems)
        {
            _trusted = [];
            foreach (var pem in pems)
            {
                using var certificate = X509Certificate2.CreateFromPem(pem);
                _trusted.Add(certificate.RawData);
            }
        }

        /// <summary>What the endpoint served when it was refused: subject and SHA-256 thumbprint.</summary>
        public string? Refused { get; private set; }

        public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            if (certificate is null)
            {
                Refused = "no certificate";
                return false;
            }

            var served = certificate.GetRawCertData();
            if (_trusted.Any(t => t.AsSpan().SequenceEqual(served)))
            {
                return true;
            }

            using var parsed = X509CertificateLoader.LoadCertificate(served);
            Refused = $"subject {parsed.Subject}, SHA-256 {parsed.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256)}";
            return false;
        }
    }
}

namespace Wso2Serverless.Domain.Ports;

/// <summary>Calls a published product endpoint through the load balancer (Verify's opt-in probe).</summary>
public interface IEndpointProbe
{
    /// <summary>
    /// Null when the endpoint answered; otherwise what was wrong (status code, timeout, refused,
    /// certificate). An HTTPS endpoint is trusted only when it serves one of
    /// <paramref name="trustedCertificates"/> (PEM) itself; nothing else is ever accepted.
    /// </summary>
    Task<string?> ProbeAsync(Uri endpoint, IReadOnlyCollection<string> trustedCertificates, TimeSpan timeout, CancellationToken cancellationToken);
}

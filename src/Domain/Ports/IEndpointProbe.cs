namespace Wso2Serverless.Domain.Ports;

/// <summary>Checks that a published product endpoint answers (the Verify phase).</summary>
public interface IEndpointProbe
{
    /// <summary>Null when healthy; otherwise what was wrong (status code, timeout, refused).</summary>
    Task<string?> ProbeAsync(Uri endpoint, TimeSpan timeout, CancellationToken cancellationToken);
}

using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Functions.Tests.Fakes;

/// <summary><see cref="IEndpointProbe"/> whose answers tests script per URL; unscripted URLs are healthy.</summary>
public sealed class ScriptedEndpointProbe : IEndpointProbe
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _problems = new(StringComparer.Ordinal);
    private readonly List<Uri> _probed = [];
    private readonly List<IReadOnlyCollection<string>> _trusted = [];

    public FaultPlan Faults { get; } = new();

    public IReadOnlyList<Uri> Probed
    {
        get
        {
            lock (_gate)
            {
                return [.. _probed];
            }
        }
    }

    /// <summary>Makes the endpoint unhealthy with the given problem (e.g. "HTTP 503").</summary>
    public void Unhealthy(string url, string problem)
    {
        lock (_gate)
        {
            _problems[url] = problem;
        }
    }

    public void Healthy(string url)
    {
        lock (_gate)
        {
            _problems.Remove(url);
        }
    }

    /// <summary>The certificates each probe was told to trust, in probe order.</summary>
    public IReadOnlyList<IReadOnlyCollection<string>> Trusted
    {
        get
        {
            lock (_gate)
            {
                return [.. _trusted];
            }
        }
    }

    public Task<string?> ProbeAsync(Uri endpoint, IReadOnlyCollection<string> trustedCertificates, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Faults.Enter("Probe");
        lock (_gate)
        {
            _probed.Add(endpoint);
            _trusted.Add(trustedCertificates);
            return Task.FromResult(_problems.GetValueOrDefault(endpoint.ToString()) ?? _problems.GetValueOrDefault(endpoint.OriginalString));
        }
    }
}

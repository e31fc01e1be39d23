using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.StandIns.World;

/// <summary>
/// The product's endpoints behind the simulated load balancer: healthy when the stack is up and
/// a node of the role behind that listener has had a successful Puppet run.
/// </summary>
internal sealed class SimulatedEndpointProbe(SimulatedWorld world) : IEndpointProbe
{
    private static readonly int[] MicroIntegratorPorts = [8253, 8290, 9201];

    public Task<string?> ProbeAsync(Uri endpoint, IReadOnlyCollection<string> trustedCertificates, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        lock (world.Gate)
        {
            var stack = world.AllStacks.LastOrDefault(s => string.Equals(s.LoadBalancerDns, endpoint.Host, StringComparison.OrdinalIgnoreCase));
            if (stack is null || stack.Status != "CREATE_COMPLETE")
            {
                return Task.FromResult<string?>($"could not resolve host {endpoint.Host}");
            }

            if (endpoint.Scheme == Uri.UriSchemeHttps && !trustedCertificates.Contains(world.LoadBalancer.CertificateOf(stack)))
            {
                return Task.FromResult<string?>($"{endpoint} served a certificate that is not the stack's");
            }

            var role = MicroIntegratorPorts.Contains(endpoint.Port) ? AgentRoles.MicroIntegrator : AgentRoles.ApiManager;
            var healthy = world.Instances.Any(i => i.StackId == stack.StackId && i.Role == role && !i.Terminated && i.ProductHealthy);
            return Task.FromResult(healthy ? null : "HTTP 503 Service Unavailable (no healthy targets)");
        }
    }
}

using System.Globalization;
using Wso2Serverless.Functions.Hosting;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// Verify's opt-in probe of the published URLs. Each HTTPS URL is trusted only when it serves the
/// certificate the stack's listener on that port presents (fetched from IAM or ACM); no other
/// certificate, and no "accept anything" fallback, ever passes.
/// </summary>
internal sealed class PublishedUrlProbe(FunctionServices services)
{
    public async Task<IReadOnlyList<string>> ProbeAsync(string stackId, IReadOnlyDictionary<string, string> urls, TimeSpan timeout, CancellationToken ct)
    {
        var certificates = await services.LoadBalancer.GetListenerCertificatesAsync(stackId, ct).ConfigureAwait(false);
        var checks = urls.Select(async pair =>
        {
            var url = new Uri(pair.Value);
            string[] trusted = [.. certificates.Where(c => c.Port == url.Port).Select(c => c.Pem)];
            if (url.Scheme == Uri.UriSchemeHttps && trusted.Length == 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{pair.Key} ({url}): the stack has no HTTPS listener with a certificate on port {url.Port}");
            }

            var problem = await services.Probe.ProbeAsync(url, trusted, timeout, ct).ConfigureAwait(false);
            return problem is null ? null : $"{pair.Key} ({url}): {problem}";
        });
        var problems = await Task.WhenAll(checks).ConfigureAwait(false);
        return [.. problems.OfType<string>()];
    }
}

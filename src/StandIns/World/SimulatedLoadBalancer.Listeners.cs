using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Preflight;

namespace Wso2Serverless.StandIns.World;

/// <summary>
/// The HTTPS listeners of the simulated load balancer and the certificate they present: one
/// self-signed certificate per stack, standing for the IAM server certificate the template names
/// (<c>CertificateName</c>). The simulated probe serves it, so only a caller that trusts exactly
/// this certificate gets through.
/// </summary>
public sealed partial class SimulatedLoadBalancer
{
    private readonly ConcurrentDictionary<string, string> _certificates = new(StringComparer.Ordinal);
    private readonly Lazy<IReadOnlyList<int>> _httpsPorts = new(() => HttpsListenerPorts(world.TemplatePath));

    public Task<IReadOnlyList<ListenerCertificate>> GetListenerCertificatesAsync(string stackId, CancellationToken cancellationToken)
    {
        if (world.Throttles.Enter(Service, "DescribeListeners"))
        {
            throw world.Throttles.AnswerLost(Service);
        }
        StackState? stack;
        lock (world.Gate)
        {
            stack = world.AllStacks.FirstOrDefault(s => s.StackId == stackId || s.StackName == stackId);
        }

        if (stack is null || stack.IsDeleted)
        {
            return Task.FromResult<IReadOnlyList<ListenerCertificate>>([]);
        }

        var name = stack.Parameters.GetValueOrDefault("CertificateName") ?? stack.StackName;
        var arn = $"arn:aws:iam::{SimulatedWorld.Account}:server-certificate/{name}";
        var pem = CertificateOf(stack);
        return Task.FromResult<IReadOnlyList<ListenerCertificate>>([.. _httpsPorts.Value.Select(port => new ListenerCertificate(port, arn, pem))]);
    }

    /// <summary>The certificate (PEM) the stack's HTTPS listeners serve; made on first use.</summary>
    internal string CertificateOf(StackState stack) => _certificates.GetOrAdd(stack.StackId, _ =>
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={stack.Parameters.GetValueOrDefault("CertificateName") ?? stack.StackName}", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(world.Clock.UtcNow.AddDays(-1), world.Clock.UtcNow.AddYears(1));
        return certificate.ExportCertificatePem();
    });

    private static List<int> HttpsListenerPorts(string templatePath)
    {
        var template = TemplateDocument.Parse(File.ReadAllText(templatePath));
        return [.. template.Resources
            .Select(r => r.Value)
            .Where(r => r?["Type"]?.GetValue<string>() == "AWS::ElasticLoadBalancingV2::Listener" && r["Properties"]?["Protocol"]?.GetValue<string>() == "HTTPS")
            .Select(r => int.TryParse(TemplateEvaluator.Text(r!["Properties"]?["Port"] as JsonValue), CultureInfo.InvariantCulture, out var port) ? port : 0)
            .Where(port => port > 0)];
    }
}

using System.Globalization;
using Wso2Serverless.Aws.Acm;
using Wso2Serverless.Aws.CloudFormation;
using Wso2Serverless.Aws.CloudFormation.Model;
using Wso2Serverless.Aws.ElasticLoadBalancing.Model;
using Wso2Serverless.Aws.Iam;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Aws.ElasticLoadBalancing;

/// <summary>
/// <see cref="IStackLoadBalancer"/> on AWS: the stack's target groups and listeners are found
/// among its resources (ListStackResources), their health and certificates asked of ELB, and a
/// listener's certificate body fetched from IAM (server certificates) or ACM.
/// </summary>
public sealed class StackLoadBalancer(CloudFormationClient cloudFormation, ElasticLoadBalancingClient elb, IamClient iam, AcmClient acm) : IStackLoadBalancer
{
    public const string TargetGroupType = "AWS::ElasticLoadBalancingV2::TargetGroup";
    public const string ListenerType = "AWS::ElasticLoadBalancingV2::Listener";

    /// <summary>DescribeTargetGroups and DescribeListeners take at most 20 ARNs a call.</summary>
    private const int ArnsPerCall = 20;

    public async Task<IReadOnlyList<TargetGroupHealth>> DescribeTargetHealthAsync(string stackId, CancellationToken cancellationToken)
    {
        var resources = await ResourcesAsync(stackId, TargetGroupType, cancellationToken).ConfigureAwait(false);
        var groups = new Dictionary<string, TargetGroup>(StringComparer.Ordinal);
        foreach (var chunk in resources.Chunk(ArnsPerCall))
        {
            string? marker = null;
            do
            {
                var page = await elb.DescribeTargetGroupsAsync(new DescribeTargetGroupsRequest { TargetGroupArns = [.. chunk.Select(r => r.PhysicalResourceId!)], Marker = marker }, cancellationToken).ConfigureAwait(false);
                foreach (var group in page.TargetGroups)
                {
                    groups[group.TargetGroupArn] = group;
                }

                marker = page.NextMarker;
            }
            while (marker is not null);
        }

        var result = new List<TargetGroupHealth>();
        foreach (var resource in resources)
        {
            var arn = resource.PhysicalResourceId!;
            var health = await elb.DescribeTargetHealthAsync(new DescribeTargetHealthRequest { TargetGroupArn = arn }, cancellationToken).ConfigureAwait(false);
            result.Add(new TargetGroupHealth(
                resource.LogicalResourceId,
                arn,
                groups.TryGetValue(arn, out var group) ? HealthCheck(group) : "health check unknown",
                [.. health.TargetHealthDescriptions.Select(static t => new TargetHealthState(t.Target.Id, t.Target.Port, t.TargetHealth.State, t.TargetHealth.Reason, t.TargetHealth.Description))]));
        }

        return result;
    }

    public async Task<IReadOnlyList<ListenerCertificate>> GetListenerCertificatesAsync(string stackId, CancellationToken cancellationToken)
    {
        var resources = await ResourcesAsync(stackId, ListenerType, cancellationToken).ConfigureAwait(false);
        var listeners = new List<Listener>();
        foreach (var chunk in resources.Chunk(ArnsPerCall))
        {
            var page = await elb.DescribeListenersAsync(new DescribeListenersRequest { ListenerArns = [.. chunk.Select(r => r.PhysicalResourceId!)] }, cancellationToken).ConfigureAwait(false);
            listeners.AddRange(page.Listeners);
        }

        var bodies = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = new List<ListenerCertificate>();
        foreach (var listener in listeners.Where(l => l.Port is not null))
        {
            foreach (var arn in listener.Certificates.Select(c => c.CertificateArn).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal))
            {
                if (!bodies.TryGetValue(arn, out var pem))
                {
                    bodies[arn] = pem = await CertificateBodyAsync(arn, cancellationToken).ConfigureAwait(false);
                }

                result.Add(new ListenerCertificate(listener.Port!.Value, arn, pem));
            }
        }

        return result;
    }

    /// <summary>IAM server certificates by name (the ARN's last path segment); ACM by ARN.</summary>
    private async Task<string> CertificateBodyAsync(string arn, CancellationToken ct)
    {
        var parts = arn.Split(':', 6);
        if (parts.Length == 6 && parts[2] == "iam" && parts[5].StartsWith("server-certificate/", StringComparison.Ordinal))
        {
            var name = parts[5][(parts[5].LastIndexOf('/') + 1)..];
            var response = await iam.GetServerCertificateAsync(new GetServerCertificateRequest { ServerCertificateName = name }, ct).ConfigureAwait(false);
            return response.ServerCertificate.CertificateBody;
        }

        if (parts.Length == 6 && parts[2] == "acm")
        {
            var response = await acm.GetCertificateAsync(new GetCertificateRequest { CertificateArn = arn }, ct).ConfigureAwait(false);
            return response.Certificate ?? "";
        }

        throw new NotSupportedException($"listener certificate {arn} is neither an IAM server certificate nor an ACM certificate");
    }

    private async Task<IReadOnlyList<StackResourceSummary>> ResourcesAsync(string stackId, string type, CancellationToken ct)
    {
        var all = await cloudFormation.ListAllStackResourcesAsync(stackId, ct).ConfigureAwait(false);
        return [.. all.Where(r => r.ResourceType == type && !string.IsNullOrEmpty(r.PhysicalResourceId) && !r.ResourceStatus.StartsWith("DELETE", StringComparison.Ordinal))];
    }

    /// <summary>"HTTPS:9443/carbon/admin/login.jsp": how ELB judges the group's targets.</summary>
    private static string HealthCheck(TargetGroup group)
    {
        var port = group.HealthCheckPort is null or "traffic-port"
            ? group.Port?.ToString(CultureInfo.InvariantCulture) ?? "traffic-port"
            : group.HealthCheckPort;
        return $"{group.HealthCheckProtocol ?? group.Protocol}:{port}{group.HealthCheckPath}";
    }
}

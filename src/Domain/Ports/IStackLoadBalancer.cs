namespace Wso2Serverless.Domain.Ports;

/// <summary>
/// The product stack's load balancer, as Verify sees it: the health its own checks give every
/// registered target (judged from inside the VPC, by the health checks the template defines), and
/// the certificates its HTTPS listeners present.
/// </summary>
public interface IStackLoadBalancer
{
    /// <summary>Every target group among the stack's resources, with each registered target's health.</summary>
    Task<IReadOnlyList<TargetGroupHealth>> DescribeTargetHealthAsync(string stackId, CancellationToken cancellationToken);

    /// <summary>The certificate (PEM) each HTTPS or TLS listener of the stack presents, by listener port.</summary>
    Task<IReadOnlyList<ListenerCertificate>> GetListenerCertificatesAsync(string stackId, CancellationToken cancellationToken);
}

/// <summary>A target group of the stack; <see cref="HealthCheck"/> reads like "HTTPS:9443/carbon/admin/login.jsp".</summary>
public sealed record TargetGroupHealth(string LogicalId, string Arn, string HealthCheck, IReadOnlyList<TargetHealthState> Targets);

/// <summary>
/// One registered target as ELB reports it: State is initial, healthy, unhealthy, unused, draining
/// or unavailable; Reason is ELB's code (Elb.InitialHealthChecking, Target.FailedHealthChecks...).
/// </summary>
public sealed record TargetHealthState(string TargetId, int? Port, string State, string? Reason, string? Description)
{
    public const string Healthy = "healthy";

    public bool IsHealthy => State == Healthy;
}

/// <summary>The certificate a listener presents: where it lives (IAM or ACM ARN) and its PEM text.</summary>
public sealed record ListenerCertificate(int Port, string CertificateArn, string Pem);

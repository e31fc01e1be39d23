using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Functions.Tests.Fakes;

/// <summary>
/// <see cref="IStackLoadBalancer"/> whose answers tests script: by default one target group with
/// one healthy target. <see cref="Looks"/> counts DescribeTargetHealth calls, so a script can
/// change the health from one look to the next.
/// </summary>
public sealed class FakeLoadBalancer : IStackLoadBalancer
{
    public FaultPlan Faults { get; } = new();

    public IReadOnlyList<TargetGroupHealth> Groups { get; set; } =
    [
        new("ApimHttpsTargetGroup", "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/wso2-dev-apim/0123456789abcdef", "HTTPS:9443/carbon/admin/login.jsp",
            [new("i-apim-1", 9443, "healthy", null, null)]),
    ];

    /// <summary>When set, answers look number n (1-based) instead of <see cref="Groups"/>.</summary>
    public Func<int, IReadOnlyList<TargetGroupHealth>>? Script { get; set; }

    public IReadOnlyList<ListenerCertificate> Certificates { get; set; } = [];

    public int Looks { get; private set; }

    public Task<IReadOnlyList<TargetGroupHealth>> DescribeTargetHealthAsync(string stackId, CancellationToken cancellationToken)
    {
        Faults.Enter("DescribeTargetHealth");
        Looks++;
        return Task.FromResult(Script?.Invoke(Looks) ?? Groups);
    }

    public Task<IReadOnlyList<ListenerCertificate>> GetListenerCertificatesAsync(string stackId, CancellationToken cancellationToken)
    {
        Faults.Enter("GetListenerCertificates");
        return Task.FromResult(Certificates);
    }
}

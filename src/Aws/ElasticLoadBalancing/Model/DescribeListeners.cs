namespace Wso2Serverless.Aws.ElasticLoadBalancing.Model;

public sealed class DescribeListenersRequest
{
    public IList<string> ListenerArns { get; init; } = [];
    public string? Marker { get; set; }
}

public sealed class DescribeListenersResponse
{
    public IList<Listener> Listeners { get; init; } = [];
    public string? NextMarker { get; set; }
}

public sealed class Listener
{
    public string ListenerArn { get; set; } = "";
    public string? LoadBalancerArn { get; set; }
    public int? Port { get; set; }
    public string? Protocol { get; set; }
    /// <summary>The listener's default certificate (what a client without SNI, or with an unknown name, is served).</summary>
    public IList<Certificate> Certificates { get; init; } = [];
}

public sealed class Certificate
{
    public string CertificateArn { get; set; } = "";
    public bool? IsDefault { get; set; }
}

namespace Wso2Serverless.Aws.ElasticLoadBalancing.Model;

public sealed class DescribeTargetHealthRequest
{
    public string TargetGroupArn { get; set; } = "";
}

public sealed class DescribeTargetHealthResponse
{
    public IList<TargetHealthDescription> TargetHealthDescriptions { get; init; } = [];
}

public sealed class TargetHealthDescription
{
    public TargetDescription Target { get; set; } = new();
    public string? HealthCheckPort { get; set; }
    public TargetHealth TargetHealth { get; set; } = new();
}

public sealed class TargetDescription
{
    public string Id { get; set; } = "";
    public int? Port { get; set; }
    public string? AvailabilityZone { get; set; }
}

/// <summary>State: initial, healthy, unhealthy, unused, draining, unavailable; Reason: e.g. Target.FailedHealthChecks.</summary>
public sealed class TargetHealth
{
    public string State { get; set; } = "";
    public string? Reason { get; set; }
    public string? Description { get; set; }
}

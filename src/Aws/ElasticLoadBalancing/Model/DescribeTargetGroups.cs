namespace Wso2Serverless.Aws.ElasticLoadBalancing.Model;

public sealed class DescribeTargetGroupsRequest
{
    public IList<string> TargetGroupArns { get; init; } = [];
    public string? Marker { get; set; }
}

public sealed class DescribeTargetGroupsResponse
{
    public IList<TargetGroup> TargetGroups { get; init; } = [];
    public string? NextMarker { get; set; }
}

/// <summary>A target group and the health check that judges its targets.</summary>
public sealed class TargetGroup
{
    public string TargetGroupArn { get; set; } = "";
    public string TargetGroupName { get; set; } = "";
    public string? Protocol { get; set; }
    public int? Port { get; set; }
    public string? HealthCheckProtocol { get; set; }
    public string? HealthCheckPort { get; set; }
    public string? HealthCheckPath { get; set; }
    public int? HealthCheckIntervalSeconds { get; set; }
    public int? HealthyThresholdCount { get; set; }
    public int? UnhealthyThresholdCount { get; set; }
    public string? MatcherHttpCode { get; set; }
}

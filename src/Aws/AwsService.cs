namespace Wso2Serverless.Aws;

/// <summary>
/// How one AWS service is addressed: the suffix of its <c>AWS_ENDPOINT_URL_&lt;ID&gt;</c> variable,
/// the name its SigV4 credential scope uses, and the host prefix of its regional endpoint.
/// They differ (Step Functions is <c>SFN</c> / <c>states</c>), which is why all three are spelled out.
/// </summary>
public sealed record AwsService(string EndpointId, string SigningName, string HostPrefix)
{
    public static AwsService CloudFormation { get; } = new("CLOUDFORMATION", "cloudformation", "cloudformation");
    public static AwsService StepFunctions { get; } = new("SFN", "states", "states");
    public static AwsService Sns { get; } = new("SNS", "sns", "sns");
    public static AwsService Ssm { get; } = new("SSM", "ssm", "ssm");
    public static AwsService DynamoDb { get; } = new("DYNAMODB", "dynamodb", "dynamodb");
    public static AwsService Ec2 { get; } = new("EC2", "ec2", "ec2");
    public static AwsService EventBridge { get; } = new("EVENTBRIDGE", "events", "events");
    public static AwsService ElasticLoadBalancingV2 { get; } = new("ELASTIC_LOAD_BALANCING_V2", "elasticloadbalancing", "elasticloadbalancing");
    public static AwsService Acm { get; } = new("ACM", "acm", "acm");
    public static AwsService S3 { get; } = new("S3", "s3", "s3");

    /// <summary>IAM has one endpoint for the partition, signed for us-east-1.</summary>
    public static AwsService Iam { get; } = new("IAM", "iam", "iam") { GlobalHost = "iam.amazonaws.com", SigningRegion = "us-east-1" };

    /// <summary>The host of a global service (no region in it); null for regional services.</summary>
    public string? GlobalHost { get; init; }

    /// <summary>The region a global service's signature names; null means the caller's region.</summary>
    public string? SigningRegion { get; init; }
}

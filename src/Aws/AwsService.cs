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
}

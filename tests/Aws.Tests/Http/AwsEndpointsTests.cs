namespace Wso2Serverless.Aws.Tests.Http;

public sealed class AwsEndpointsTests
{
    private static AwsEndpoints With(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(static v => v.Name, static v => v.Value);
        return new AwsEndpoints(map.GetValueOrDefault);
    }

    [Fact]
    public void Resolve_WithServiceSpecificAndGlobalOverride_PrefersTheServiceSpecificOne()
    {
        var endpoints = With(("AWS_ENDPOINT_URL_SFN", "http://sfn.local:1"), ("AWS_ENDPOINT_URL", "http://all.local:2"));

        endpoints.Resolve(AwsService.StepFunctions).Should().Be(new Uri("http://sfn.local:1"));
        endpoints.Resolve(AwsService.CloudFormation).Should().Be(new Uri("http://all.local:2"));
    }

    [Theory]
    [InlineData("CLOUDFORMATION", "cloudformation")]
    [InlineData("SFN", "states")]
    [InlineData("SNS", "sns")]
    [InlineData("SSM", "ssm")]
    [InlineData("DYNAMODB", "dynamodb")]
    [InlineData("EC2", "ec2")]
    [InlineData("EVENTBRIDGE", "events")]
    [InlineData("ELASTIC_LOAD_BALANCING_V2", "elasticloadbalancing")]
    [InlineData("ACM", "acm")]
    [InlineData("S3", "s3")]
    public void Resolve_EachServiceReadsItsOwnVariable(string endpointId, string hostPrefix)
    {
        var service = new[] { AwsService.CloudFormation, AwsService.StepFunctions, AwsService.Sns, AwsService.Ssm, AwsService.DynamoDb, AwsService.Ec2, AwsService.EventBridge, AwsService.ElasticLoadBalancingV2, AwsService.Acm, AwsService.S3 }
            .Single(s => s.EndpointId == endpointId);
        var endpoints = With(($"AWS_ENDPOINT_URL_{endpointId}", "http://only.this:9"), ("AWS_REGION", "eu-west-1"));

        endpoints.Resolve(service).Should().Be(new Uri("http://only.this:9"));
        With(("AWS_REGION", "eu-west-1")).Resolve(service).Host.Should().Be($"{hostPrefix}.eu-west-1.amazonaws.com");
    }

    [Fact]
    public void Iam_IsOneGlobalEndpointSignedForUsEast1_UnlessOverridden()
    {
        var endpoints = With(("AWS_REGION", "eu-central-1"));

        endpoints.Resolve(AwsService.Iam).Should().Be(new Uri("https://iam.amazonaws.com/"));
        endpoints.SigningRegion(AwsService.Iam).Should().Be("us-east-1");
        endpoints.SigningRegion(AwsService.ElasticLoadBalancingV2).Should().Be("eu-central-1");
        With(("AWS_ENDPOINT_URL_IAM", "http://iam.local:7"), ("AWS_REGION", "eu-central-1")).Resolve(AwsService.Iam).Should().Be(new Uri("http://iam.local:7"));
        With(("AWS_ENDPOINT_URL", "http://all.local:2")).Resolve(AwsService.Iam).Should().Be(new Uri("http://all.local:2"));
    }

    [Fact]
    public void Resolve_WithoutOverride_IsTheRegionalEndpoint()
    {
        var endpoints = With(("AWS_REGION", "eu-central-1"));

        endpoints.Resolve(AwsService.CloudFormation).Should().Be(new Uri("https://cloudformation.eu-central-1.amazonaws.com/"));
        endpoints.Resolve(AwsService.StepFunctions).Should().Be(new Uri("https://states.eu-central-1.amazonaws.com/"));
        endpoints.Resolve(AwsService.Sns).Should().Be(new Uri("https://sns.eu-central-1.amazonaws.com/"));
    }

    [Fact]
    public void Region_FallsBackFromAwsRegionToDefaultRegion()
    {
        With(("AWS_REGION", "ap-south-1"), ("AWS_DEFAULT_REGION", "eu-west-2")).Region.Should().Be("ap-south-1");
        With(("AWS_REGION", ""), ("AWS_DEFAULT_REGION", "eu-west-2")).Region.Should().Be("eu-west-2");
        With().Region.Should().Be(AwsEndpoints.FallbackRegion);
    }

    [Fact]
    public void Resolve_WithEmptyServiceVariable_FallsThroughToGlobal()
    {
        var endpoints = With(("AWS_ENDPOINT_URL_SNS", ""), ("AWS_ENDPOINT_URL", "http://all.local:2"));

        endpoints.Resolve(AwsService.Sns).Should().Be(new Uri("http://all.local:2"));
    }

    [Fact]
    public void Resolve_DynamoDbAndSsm_FollowTheirOwnOverrideOrTheRegionalEndpoint()
    {
        var endpoints = With(("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:5000"), ("AWS_REGION", "eu-west-1"));

        endpoints.Resolve(AwsService.DynamoDb).Should().Be(new Uri("http://127.0.0.1:5000"));
        endpoints.Resolve(AwsService.Ssm).Should().Be(new Uri("https://ssm.eu-west-1.amazonaws.com/"));
    }

    [Fact]
    public void Emulated_SendsEveryServiceToTheEmulatorInItsRegion()
    {
        var endpoints = AwsEndpoints.Emulated(new Uri("http://127.0.0.1:5000"), "eu-west-1");

        endpoints.Region.Should().Be("eu-west-1");
        endpoints.Resolve(AwsService.DynamoDb).Should().Be(new Uri("http://127.0.0.1:5000"));
        endpoints.Resolve(AwsService.StepFunctions).Should().Be(new Uri("http://127.0.0.1:5000"));
    }
}

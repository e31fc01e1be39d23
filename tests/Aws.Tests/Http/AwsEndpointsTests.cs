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
    public void Resolve_EachServiceReadsItsOwnVariable(string endpointId, string hostPrefix)
    {
        var service = new[] { AwsService.CloudFormation, AwsService.StepFunctions, AwsService.Sns, AwsService.Ssm, AwsService.DynamoDb, AwsService.Ec2, AwsService.EventBridge }
            .Single(s => s.EndpointId == endpointId);
        var endpoints = With(($"AWS_ENDPOINT_URL_{endpointId}", "http://only.this:9"), ("AWS_REGION", "eu-west-1"));

        endpoints.Resolve(service).Should().Be(new Uri("http://only.this:9"));
        With(("AWS_REGION", "eu-west-1")).Resolve(service).Host.Should().Be($"{hostPrefix}.eu-west-1.amazonaws.com");
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

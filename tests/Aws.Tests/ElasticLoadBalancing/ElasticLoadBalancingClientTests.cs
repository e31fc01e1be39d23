using Wso2Serverless.Aws.ElasticLoadBalancing;
using Wso2Serverless.Aws.ElasticLoadBalancing.Model;
using Wso2Serverless.Aws.Http;

namespace Wso2Serverless.Aws.Tests.ElasticLoadBalancing;

/// <summary>The thin ELBv2 client against moto's elbv2: real Query requests, real XML answers.</summary>
public sealed class ElasticLoadBalancingClientTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private readonly ElasticLoadBalancingClient _elb = new(TestAws.Http(AwsService.ElasticLoadBalancingV2, moto.Endpoint));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Name() => "tg-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task DescribeTargetHealth_ReadsEachTargetsStateAndElbsReason()
    {
        var network = await new MotoNetwork(moto).CreateVpcAsync();
        var group = await network.CreateTargetGroupAsync(Name(), 9443, "HTTPS", "/carbon/admin/login.jsp");
        var running = await network.RunInstanceAsync();
        var stopped = await network.RunInstanceAsync();
        await network.RegisterAsync(group, running, stopped);
        await network.StopAsync(stopped);

        var health = await _elb.DescribeTargetHealthAsync(new DescribeTargetHealthRequest { TargetGroupArn = group }, Ct);

        health.TargetHealthDescriptions.Should().HaveCount(2);
        var up = health.TargetHealthDescriptions.Single(t => t.Target.Id == running);
        up.Target.Port.Should().Be(9443);
        up.TargetHealth.State.Should().Be("healthy");
        up.TargetHealth.Reason.Should().BeNull();
        var down = health.TargetHealthDescriptions.Single(t => t.Target.Id == stopped);
        down.TargetHealth.State.Should().Be("unused");
        down.TargetHealth.Reason.Should().Be("Target.InvalidState");
        down.TargetHealth.Description.Should().Contain("stopped");
    }

    [Fact]
    public async Task DescribeTargetHealth_WithNothingRegistered_IsEmpty()
    {
        var network = await new MotoNetwork(moto).CreateVpcAsync();
        var group = await network.CreateTargetGroupAsync(Name(), 8290, "HTTP", "/healthz");

        var health = await _elb.DescribeTargetHealthAsync(new DescribeTargetHealthRequest { TargetGroupArn = group }, Ct);

        health.TargetHealthDescriptions.Should().BeEmpty();
    }

    [Fact]
    public async Task DescribeTargetGroups_ReadsTheHealthCheckThatJudgesTheTargets()
    {
        var network = await new MotoNetwork(moto).CreateVpcAsync();
        var name = Name();
        var group = await network.CreateTargetGroupAsync(name, 8243, "HTTPS", "/services/Version");

        var response = await _elb.DescribeTargetGroupsAsync(new DescribeTargetGroupsRequest { TargetGroupArns = [group] }, Ct);

        var read = response.TargetGroups.Should().ContainSingle().Subject;
        read.TargetGroupArn.Should().Be(group);
        read.TargetGroupName.Should().Be(name);
        read.Protocol.Should().Be("HTTPS");
        read.Port.Should().Be(8243);
        read.HealthCheckProtocol.Should().Be("HTTPS");
        read.HealthCheckPath.Should().Be("/services/Version");
        read.HealthCheckIntervalSeconds.Should().Be(10);
        read.HealthyThresholdCount.Should().Be(4);
        read.MatcherHttpCode.Should().Be("200");
        response.NextMarker.Should().BeNull();
    }

    [Fact]
    public async Task DescribeTargetHealth_OfAnUnknownGroup_ThrowsElbsCode()
    {
        var act = () => _elb.DescribeTargetHealthAsync(new DescribeTargetHealthRequest
        {
            TargetGroupArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/gone/0123456789abcdef",
        }, Ct);

        var error = (await act.Should().ThrowAsync<AwsServiceException>()).Which;
        error.Code.Should().Be("TargetGroupNotFound");
        error.Service.Should().Be("elasticloadbalancing");
    }
}

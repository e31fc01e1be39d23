using System.Text.Json;
using System.Text.Json.Nodes;
using Wso2Serverless.Aws;
using Wso2Serverless.Aws.Acm;
using Wso2Serverless.Aws.CloudFormation;
using Wso2Serverless.Aws.CloudFormation.Model;
using Wso2Serverless.Aws.ElasticLoadBalancing;
using Wso2Serverless.Aws.Http;
using Wso2Serverless.Aws.Iam;
using Wso2Serverless.Aws.Signing;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Validation;
using Wso2Serverless.Domain.Workflow;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Functions.Tasks;
using Wso2Serverless.Functions.Tests.Fakes;
using Wso2Serverless.StandIns.Moto;

namespace Wso2Serverless.Functions.Tests.Tasks;

/// <summary>One moto_server for the class.</summary>
public sealed class VerifyMoto : IAsyncLifetime
{
    public MotoServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await MotoServer.ForkAsync(serializeRequests: false);

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// Verify end to end against moto: the stack made by moto's CloudFormation, its target groups
/// found through ListStackResources, their targets' health from moto's elbv2 (a stopped instance
/// is <c>unused</c> with <c>Target.InvalidState</c>), all through the real thin clients.
/// </summary>
public sealed class VerifyOnMotoTests(VerifyMoto moto) : IClassFixture<VerifyMoto>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly AwsEndpoints _endpoints = new(name => name switch
    {
        "AWS_ENDPOINT_URL" => moto.Server.Endpoint.ToString(),
        "AWS_REGION" => "us-east-1",
        _ => null,
    });

    private static readonly ICredentialSource Credentials = new StaticCredentialSource("testing", "testing");

    private HttpClient Http(AwsService service) => AwsHttp.CreateClient(service, _endpoints, Credentials);

    private readonly FakeWorld _world = new();

    private FunctionServices Services()
    {
        var cloudFormation = new CloudFormationClient(Http(AwsService.CloudFormation));
        return _world.Services with
        {
            Stacks = new CloudFormationStackService(cloudFormation),
            LoadBalancer = new StackLoadBalancer(cloudFormation, new ElasticLoadBalancingClient(Http(AwsService.ElasticLoadBalancingV2)), new IamClient(Http(AwsService.Iam)), new AcmClient(Http(AwsService.Acm))),
        };
    }

    /// <summary>A VPC, an instance and two target groups (API Manager, Micro Integrator) made by moto's CloudFormation.</summary>
    private async Task<(string StackName, string Instance, string ApimGroup, string MiGroup)> CreateStackAsync()
    {
        static JsonObject Resource(string type, JsonObject properties) => new() { ["Type"] = type, ["Properties"] = properties };
        static JsonObject Ref(string name) => new() { ["Ref"] = name };
        var template = new JsonObject
        {
            ["Resources"] = new JsonObject
            {
                ["Vpc"] = Resource("AWS::EC2::VPC", new JsonObject { ["CidrBlock"] = "10.0.0.0/16" }),
                ["Subnet"] = Resource("AWS::EC2::Subnet", new JsonObject { ["VpcId"] = Ref("Vpc"), ["CidrBlock"] = "10.0.1.0/24" }),
                ["ApimNode"] = Resource("AWS::EC2::Instance", new JsonObject { ["ImageId"] = "ami-03cf127a", ["InstanceType"] = "t3.medium", ["SubnetId"] = Ref("Subnet") }),
                ["ApimHttpsTargetGroup"] = Resource("AWS::ElasticLoadBalancingV2::TargetGroup", new JsonObject
                {
                    ["VpcId"] = Ref("Vpc"), ["Port"] = 9443, ["Protocol"] = "HTTPS", ["HealthCheckProtocol"] = "HTTPS", ["HealthCheckPath"] = "/carbon/admin/login.jsp",
                }),
                ["MiHttpTargetGroup"] = Resource("AWS::ElasticLoadBalancingV2::TargetGroup", new JsonObject
                {
                    ["VpcId"] = Ref("Vpc"), ["Port"] = 8290, ["Protocol"] = "HTTP", ["HealthCheckProtocol"] = "HTTP", ["HealthCheckPort"] = "9201", ["HealthCheckPath"] = "/healthz",
                }),
            },
        };
        var cloudFormation = new CloudFormationClient(Http(AwsService.CloudFormation));
        var name = "wso2-" + Guid.NewGuid().ToString("N")[..8];
        var stackId = (await cloudFormation.CreateStackAsync(new CreateStackRequest { StackName = name, TemplateBody = template.ToJsonString() }, Ct)).StackId;
        var resources = (await cloudFormation.ListAllStackResourcesAsync(stackId, Ct)).ToDictionary(r => r.LogicalResourceId, r => r.PhysicalResourceId!);
        return (name, resources["ApimNode"], resources["ApimHttpsTargetGroup"], resources["MiHttpTargetGroup"]);
    }

    private async Task RegisterAsync(string group, string instance) =>
        await new QueryProtocolClient(Http(AwsService.ElasticLoadBalancingV2), "elasticloadbalancing", "2015-12-01")
            .SendAsync("RegisterTargets", new QueryParameters().Add("TargetGroupArn", group).Add("Targets.member.1.Id", instance), Ct);

    private async Task Ec2Async(string action, string instance) =>
        await new QueryProtocolClient(Http(AwsService.Ec2), "ec2", "2016-11-15").SendForResponseAsync(action, new QueryParameters().Add("InstanceId.1", instance), Ct);

    /// <summary>A stack whose one instance is registered with both groups, then stopped (ELB: unused, Target.InvalidState).</summary>
    private async Task<(Deployment Deployment, string Instance)> StoppedTargetAsync()
    {
        var (stack, instance, apim, mi) = await CreateStackAsync();
        await RegisterAsync(apim, instance);
        await RegisterAsync(mi, instance);
        await Ec2Async("StopInstances", instance);
        return (For(stack), instance);
    }

    private static Deployment For(string stackName)
    {
        using var doc = JsonDocument.Parse($$"""{ "environment": "dev", "stackName": "{{stackName}}", "timeouts": { "verifySeconds": 120, "verifyIntervalSeconds": 60 } }""");
        return DeploymentRequestValidator.Validate(doc.RootElement.Clone(), "dep-" + stackName, DateTimeOffset.UnixEpoch).Deployment!;
    }

    private async Task<VerifyResult> LookAsync(Deployment d)
    {
        _world.Clock.Advance(TimeSpan.FromSeconds(60));
        return await new VerifyFunction(Services()).HandleAsync(new VerifyRequest { Deployment = d, EnteredTime = _world.Clock.UtcNow.ToString("O") }, Ct);
    }

    private PhaseRecord Phase(Deployment d) => _world.Deployments.Phase(d.DeploymentId, PhaseNames.Verify)!;

    [Fact]
    public async Task Verify_WhenEveryGroupsTargetsAreHealthy_Succeeds()
    {
        var (stack, instance, apim, mi) = await CreateStackAsync();
        await RegisterAsync(apim, instance);
        await RegisterAsync(mi, instance);
        var d = For(stack);

        var result = await LookAsync(d);

        result.Healthy.Should().BeTrue();
        Phase(d).Status.Should().Be(PhaseStatus.Succeeded);
        Phase(d).Detail.Should().Contain("targets:ApimHttpsTargetGroup", "healthy 1/1 (HTTPS:9443/carbon/admin/login.jsp)")
            .And.Contain("targets:MiHttpTargetGroup", "healthy 1/1 (HTTP:9201/healthz)");
    }

    [Fact]
    public async Task Verify_WhenATargetIsUnhealthy_LooksAgainWithElbsReason()
    {
        var (d, instance) = await StoppedTargetAsync();

        var result = await LookAsync(d);

        result.Retry.Should().BeTrue();
        result.WaitSeconds.Should().Be(60);
        Phase(d).Detail["targets:ApimHttpsTargetGroup"].Should().Be(
            $"healthy 0/1 (HTTPS:9443/carbon/admin/login.jsp); {instance}:9443 unused Target.InvalidState: Target is in the stopped state");
    }

    [Fact]
    public async Task Verify_WhenAGroupHasNoTargets_SaysNoneAreRegistered()
    {
        var (stack, instance, apim, _) = await CreateStackAsync();
        await RegisterAsync(apim, instance);
        var d = For(stack);

        var result = await LookAsync(d);

        result.Retry.Should().BeTrue();
        Phase(d).Detail["targets:MiHttpTargetGroup"].Should().Be("healthy 0/0 (HTTP:9201/healthz); no targets registered");
        Phase(d).Detail["targets:ApimHttpsTargetGroup"].Should().Be("healthy 1/1 (HTTPS:9443/carbon/admin/login.jsp)");
    }

    [Fact]
    public async Task Verify_WaitsForATargetThatComesUp_WithinItsBound()
    {
        var (d, instance) = await StoppedTargetAsync();

        var first = await LookAsync(d);
        await Ec2Async("StartInstances", instance);
        var second = await LookAsync(d);

        first.Retry.Should().BeTrue();
        second.Healthy.Should().BeTrue();
        Phase(d).Detail["checks"].Should().Be("2 of 3");
    }

    [Fact]
    public async Task Verify_WhenATargetStaysDown_FailsAfterTheLastLookWithTheReason()
    {
        var (d, instance) = await StoppedTargetAsync();

        var looks = new[] { await LookAsync(d), await LookAsync(d), await LookAsync(d) };

        looks.Take(2).Should().OnlyContain(r => r.Retry);
        var last = looks[^1];
        last.Retry.Should().BeFalse();
        last.Error!.Error.Should().Be(WorkflowErrors.VerifyFailed);
        last.Error.Cause.Should().StartWith("load balancer targets not healthy after 3 checks over 120 s: ")
            .And.Contain($"ApimHttpsTargetGroup healthy 0/1: {instance}:9443 unused Target.InvalidState")
            .And.Contain($"MiHttpTargetGroup healthy 0/1: {instance}:8290 unused Target.InvalidState");
        Phase(d).Status.Should().Be(PhaseStatus.Failed);
    }
}

using System.Text.Json.Nodes;
using Wso2Serverless.Aws.Acm;
using Wso2Serverless.Aws.CloudFormation;
using Wso2Serverless.Aws.CloudFormation.Model;
using Wso2Serverless.Aws.ElasticLoadBalancing;
using Wso2Serverless.Aws.Iam;

namespace Wso2Serverless.Aws.Tests.ElasticLoadBalancing;

/// <summary>
/// The Verify adapter against moto: target groups and listeners found through the stack's
/// resources (CloudFormation ListStackResources), their health from ELB, the listeners'
/// certificates from IAM and ACM.
/// </summary>
public sealed class StackLoadBalancerTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly CloudFormationClient _cloudFormation = new(TestAws.Http(AwsService.CloudFormation, moto.Endpoint));

    private StackLoadBalancer Adapter() => new(
        _cloudFormation,
        new ElasticLoadBalancingClient(TestAws.Http(AwsService.ElasticLoadBalancingV2, moto.Endpoint)),
        new IamClient(TestAws.Http(AwsService.Iam, moto.Endpoint)),
        new AcmClient(TestAws.Http(AwsService.Acm, moto.Endpoint)));

    /// <summary>A server certificate in IAM and one in ACM, as an operator would have put them there.</summary>
    private async Task<(string IamArn, string IamPem, string IamName, string AcmArn, string AcmPem)> CertificatesAsync()
    {
        var network = new MotoNetwork(moto);
        var (iamPem, iamKey) = MotoNetwork.NewCertificate("CN=wso2.example.com");
        var (acmPem, acmKey) = MotoNetwork.NewCertificate("CN=mi.example.com");
        var name = "wso2-" + Guid.NewGuid().ToString("N")[..8];
        var iamArn = await network.UploadServerCertificateAsync(name, iamPem, iamKey);
        var acmArn = await network.ImportAcmCertificateAsync(acmPem, acmKey);
        return (iamArn, iamPem, name, acmArn, acmPem);
    }

    /// <summary>A load balancer with a gateway and an MI target group and two HTTPS listeners, one per certificate kind.</summary>
    private async Task<(string StackId, MotoNetwork Network)> CreateStackAsync(string iamCertificateArn, string acmCertificateArn)
    {
        var network = await new MotoNetwork(moto).CreateVpcAsync();
        JsonObject Group(int port, string protocol, string path) => new()
        {
            ["Type"] = "AWS::ElasticLoadBalancingV2::TargetGroup",
            ["Properties"] = new JsonObject
            {
                ["VpcId"] = network.VpcId, ["Port"] = port, ["Protocol"] = protocol,
                ["HealthCheckProtocol"] = protocol, ["HealthCheckPath"] = path,
            },
        };
        JsonObject Listener(int port, string certificate, string group) => new()
        {
            ["Type"] = "AWS::ElasticLoadBalancingV2::Listener",
            ["Properties"] = new JsonObject
            {
                ["LoadBalancerArn"] = new JsonObject { ["Ref"] = "LoadBalancer" },
                ["Port"] = port, ["Protocol"] = "HTTPS",
                ["Certificates"] = new JsonArray(new JsonObject { ["CertificateArn"] = certificate }),
                ["DefaultActions"] = new JsonArray(new JsonObject { ["Type"] = "forward", ["TargetGroupArn"] = new JsonObject { ["Ref"] = group } }),
            },
        };
        var template = new JsonObject
        {
            ["Resources"] = new JsonObject
            {
                ["LoadBalancer"] = new JsonObject
                {
                    ["Type"] = "AWS::ElasticLoadBalancingV2::LoadBalancer",
                    ["Properties"] = new JsonObject { ["Subnets"] = new JsonArray([.. network.SubnetIds.Select(s => JsonValue.Create(s))]) },
                },
                ["ApimGatewayHttpsTargetGroup"] = Group(8243, "HTTPS", "/services/Version"),
                ["MiHttpTargetGroup"] = Group(8290, "HTTP", "/healthz"),
                ["Listener8243"] = Listener(8243, iamCertificateArn, "ApimGatewayHttpsTargetGroup"),
                ["Listener9201"] = Listener(9201, acmCertificateArn, "MiHttpTargetGroup"),
            },
        };
        var response = await _cloudFormation.CreateStackAsync(new CreateStackRequest
        {
            StackName = "lb-" + Guid.NewGuid().ToString("N")[..8],
            TemplateBody = template.ToJsonString(),
        }, Ct);
        return (response.StackId, network);
    }

    [Fact]
    public async Task DescribeTargetHealth_FindsEveryTargetGroupOfTheStackWithItsTargetsAndHealthCheck()
    {
        var certificates = await CertificatesAsync();
        var (stackId, network) = await CreateStackAsync(certificates.IamArn, certificates.AcmArn);
        var resources = await _cloudFormation.ListAllStackResourcesAsync(stackId, Ct);
        var gateway = resources.Single(r => r.LogicalResourceId == "ApimGatewayHttpsTargetGroup").PhysicalResourceId!;
        var node1 = await network.RunInstanceAsync();
        var node2 = await network.RunInstanceAsync();
        await network.RegisterAsync(gateway, node1, node2);
        await network.StopAsync(node2);

        var groups = await Adapter().DescribeTargetHealthAsync(stackId, Ct);

        groups.Select(g => g.LogicalId).Should().BeEquivalentTo(["ApimGatewayHttpsTargetGroup", "MiHttpTargetGroup"]);
        var apim = groups.Single(g => g.LogicalId == "ApimGatewayHttpsTargetGroup");
        apim.Arn.Should().Be(gateway);
        apim.HealthCheck.Should().Be("HTTPS:8243/services/Version");
        apim.Targets.Should().BeEquivalentTo(new[]
        {
            new Domain.Ports.TargetHealthState(node1, 8243, "healthy", null, null),
            new Domain.Ports.TargetHealthState(node2, 8243, "unused", "Target.InvalidState", "Target is in the stopped state"),
        });
        var mi = groups.Single(g => g.LogicalId == "MiHttpTargetGroup");
        mi.HealthCheck.Should().Be("HTTP:8290/healthz");
        mi.Targets.Should().BeEmpty();
    }

    [Fact]
    public async Task GetListenerCertificates_FetchesTheIamAndAcmCertificatesOnTheStacksListeners()
    {
        var (iamArn, iamPem, _, acmArn, acmPem) = await CertificatesAsync();
        var (stackId, _) = await CreateStackAsync(iamArn, acmArn);

        var certificates = await Adapter().GetListenerCertificatesAsync(stackId, Ct);

        certificates.Should().HaveCount(2);
        var gateway = certificates.Single(c => c.Port == 8243);
        gateway.CertificateArn.Should().Be(iamArn);
        Normalise(gateway.Pem).Should().Be(Normalise(iamPem));
        var mi = certificates.Single(c => c.Port == 9201);
        mi.CertificateArn.Should().Be(acmArn);
        Normalise(mi.Pem).Should().Be(Normalise(acmPem));
    }

    [Fact]
    public async Task GetListenerCertificates_WhenTheIamCertificateIsGone_ThrowsIamsCode()
    {
        var certificates = await CertificatesAsync();
        var (stackId, _) = await CreateStackAsync(certificates.IamArn, certificates.AcmArn);
        await new MotoNetwork(moto).DeleteServerCertificateAsync(certificates.IamName);

        var act = () => Adapter().GetListenerCertificatesAsync(stackId, Ct);

        (await act.Should().ThrowAsync<Wso2Serverless.Aws.Http.AwsServiceException>()).Which.Code.Should().Be("NoSuchEntity");
    }

    private static string Normalise(string pem) => pem.Replace("\r", "", StringComparison.Ordinal).Trim();
}

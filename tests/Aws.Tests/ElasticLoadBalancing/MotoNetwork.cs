using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Wso2Serverless.Aws.Http;

namespace Wso2Serverless.Aws.Tests.ElasticLoadBalancing;

/// <summary>
/// Sets moto up as a product stack would leave AWS: a VPC with two subnets, instances, target
/// groups with registered targets, server certificates in IAM and ACM. Setup calls our clients do
/// not have (CreateTargetGroup, RegisterTargets, UploadServerCertificate, ImportCertificate) go
/// over the raw Query / JSON protocols; EC2 through the SDK the tests already use.
/// </summary>
internal sealed class MotoNetwork(MotoFixture moto)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly QueryProtocolClient _elb = new(TestAws.Http(AwsService.ElasticLoadBalancingV2, moto.Endpoint), "elasticloadbalancing", "2015-12-01");
    private readonly QueryProtocolClient _iam = new(TestAws.Http(AwsService.Iam, moto.Endpoint), "iam", "2010-05-08");

    public IAmazonEC2 Ec2 { get; } = new AmazonEC2Client(new BasicAWSCredentials("testing", "testing"),
        new AmazonEC2Config { ServiceURL = moto.Endpoint.ToString(), AuthenticationRegion = MotoFixture.Region });

    public string VpcId { get; private set; } = "";
    public IReadOnlyList<string> SubnetIds { get; private set; } = [];

    public async Task<MotoNetwork> CreateVpcAsync()
    {
        VpcId = (await Ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.0.0.0/16" }, Ct)).Vpc.VpcId;
        var a = await Ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = VpcId, CidrBlock = "10.0.1.0/24", AvailabilityZone = "us-east-1a" }, Ct);
        var b = await Ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = VpcId, CidrBlock = "10.0.2.0/24", AvailabilityZone = "us-east-1b" }, Ct);
        SubnetIds = [a.Subnet.SubnetId, b.Subnet.SubnetId];
        return this;
    }

    /// <summary>A running instance in the first subnet, from one of the AMIs moto ships with.</summary>
    public async Task<string> RunInstanceAsync()
    {
        var response = await Ec2.RunInstancesAsync(new RunInstancesRequest
        {
            ImageId = "ami-03cf127a",
            InstanceType = InstanceType.T3Medium,
            MinCount = 1,
            MaxCount = 1,
            SubnetId = SubnetIds[0],
        }, Ct);
        return response.Reservation.Instances[0].InstanceId;
    }

    public Task StopAsync(string instanceId) => Ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = [instanceId] }, Ct);

    public Task StartAsync(string instanceId) => Ec2.StartInstancesAsync(new StartInstancesRequest { InstanceIds = [instanceId] }, Ct);

    public async Task<string> CreateTargetGroupAsync(string name, int port, string protocol, string healthCheckPath)
    {
        var result = await _elb.SendAsync("CreateTargetGroup", new QueryParameters()
            .Add("Name", name).Add("Protocol", protocol).Add("Port", port).Add("VpcId", VpcId)
            .Add("HealthCheckProtocol", protocol).Add("HealthCheckPath", healthCheckPath)
            .Add("HealthCheckIntervalSeconds", 10).Add("HealthyThresholdCount", 4), Ct);
        return result.Members("TargetGroups").Single().Text("TargetGroupArn")!;
    }

    public Task RegisterAsync(string targetGroupArn, params string[] instanceIds) =>
        _elb.SendAsync("RegisterTargets", new QueryParameters()
            .Add("TargetGroupArn", targetGroupArn)
            .AddList("Targets", instanceIds, static id => [("Id", id)]), Ct);

    /// <summary>A self-signed certificate and its key, PEM, as an operator would upload them.</summary>
    public static (string Certificate, string Key) NewCertificate(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest(subject, key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    public async Task<string> UploadServerCertificateAsync(string name, string certificatePem, string keyPem)
    {
        var result = await _iam.SendAsync("UploadServerCertificate", new QueryParameters()
            .Add("ServerCertificateName", name).Add("CertificateBody", certificatePem).Add("PrivateKey", keyPem), Ct);
        return result.Child("ServerCertificateMetadata").Text("Arn")!;
    }

    public Task DeleteServerCertificateAsync(string name) =>
        _iam.SendAsync("DeleteServerCertificate", new QueryParameters().Add("ServerCertificateName", name), Ct);

    /// <summary>ACM's ImportCertificate over JSON 1.1 (blobs are base64).</summary>
    public async Task<string> ImportAcmCertificateAsync(string certificatePem, string keyPem)
    {
        using var http = TestAws.Http(AwsService.Acm, moto.Endpoint);
        var body = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["Certificate"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(certificatePem)),
            ["PrivateKey"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(keyPem)),
        });
        using var content = new StringContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        using var request = new HttpRequestMessage(HttpMethod.Post, http.BaseAddress) { Content = content };
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "CertificateManager.ImportCertificate");
        using var response = await http.SendAsync(request, Ct);
        response.EnsureSuccessStatusCode();
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return answer.RootElement.GetProperty("CertificateArn").GetString()!;
    }
}

using Wso2Serverless.Aws.Acm;
using Wso2Serverless.Aws.Http;
using Wso2Serverless.Aws.Tests.ElasticLoadBalancing;
using Wso2Serverless.Aws.Tests.Http;

namespace Wso2Serverless.Aws.Tests.Acm;

public sealed class AcmClientTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetCertificate_ReturnsTheImportedCertificate()
    {
        var (pem, key) = MotoNetwork.NewCertificate("CN=wso2.example.com");
        var arn = await new MotoNetwork(moto).ImportAcmCertificateAsync(pem, key);
        var acm = new AcmClient(TestAws.Http(AwsService.Acm, moto.Endpoint));

        var response = await acm.GetCertificateAsync(new GetCertificateRequest { CertificateArn = arn }, Ct);

        response.Certificate!.Trim().Should().Be(pem.Trim());
    }

    [Fact]
    public async Task GetCertificate_SpeaksJson11AndReadsTheServiceError()
    {
        await using var stub = new StubServer().Then(400,
            """{"__type":"ResourceNotFoundException","message":"Could not find certificate arn:aws:acm:us-east-1:123456789012:certificate/gone."}""",
            "application/x-amz-json-1.1");
        var acm = new AcmClient(TestAws.Http(AwsService.Acm, stub.Endpoint));

        var act = () => acm.GetCertificateAsync(new GetCertificateRequest { CertificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/gone" }, Ct);

        (await act.Should().ThrowAsync<AwsServiceException>()).Which.Code.Should().Be("ResourceNotFoundException");
        var request = stub.Received.Single();
        request.Headers["x-amz-target"].Should().Be("CertificateManager.GetCertificate");
        request.Headers["content-type"].Should().Be("application/x-amz-json-1.1");
        request.Body.Should().Be("""{"CertificateArn":"arn:aws:acm:us-east-1:123456789012:certificate/gone"}""");
        request.Headers["authorization"].Should().Contain("/us-east-1/acm/aws4_request");
    }
}

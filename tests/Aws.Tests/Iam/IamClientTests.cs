using Wso2Serverless.Aws.Http;
using Wso2Serverless.Aws.Iam;
using Wso2Serverless.Aws.Tests.ElasticLoadBalancing;
using Wso2Serverless.Aws.Tests.Http;

namespace Wso2Serverless.Aws.Tests.Iam;

public sealed class IamClientTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetServerCertificate_ReturnsTheUploadedBodyAndItsArn()
    {
        var (pem, key) = MotoNetwork.NewCertificate("CN=wso2.example.com");
        var name = "wso2-" + Guid.NewGuid().ToString("N")[..8];
        var arn = await new MotoNetwork(moto).UploadServerCertificateAsync(name, pem, key);
        var iam = new IamClient(TestAws.Http(AwsService.Iam, moto.Endpoint));

        var response = await iam.GetServerCertificateAsync(new GetServerCertificateRequest { ServerCertificateName = name }, Ct);

        response.ServerCertificate.CertificateBody.Trim().Should().Be(pem.Trim());
        response.ServerCertificate.ServerCertificateMetadata.Arn.Should().Be(arn);
        response.ServerCertificate.ServerCertificateMetadata.ServerCertificateName.Should().Be(name);
    }

    [Fact]
    public async Task GetServerCertificate_SignsForUsEast1AtTheGlobalEndpoint()
    {
        await using var stub = new StubServer().Then(404, """
            <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
              <Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The Server Certificate with name gone cannot be found.</Message></Error>
              <RequestId>iam-req-1</RequestId>
            </ErrorResponse>
            """, "text/xml");
        // The caller runs in eu-west-1; IAM is still signed for us-east-1.
        var endpoints = new AwsEndpoints(name => name switch { "AWS_ENDPOINT_URL_IAM" => stub.Endpoint.ToString(), "AWS_REGION" => "eu-west-1", _ => null });
        var iam = new IamClient(AwsHttp.CreateClient(AwsService.Iam, endpoints, TestAws.Credentials, TestAws.NoSleepRetry()));

        var act = () => iam.GetServerCertificateAsync(new GetServerCertificateRequest { ServerCertificateName = "gone" }, Ct);

        var error = (await act.Should().ThrowAsync<AwsServiceException>()).Which;
        error.Code.Should().Be("NoSuchEntity");
        error.RequestId.Should().Be("iam-req-1");
        var request = stub.Received.Single();
        request.Headers["authorization"].Should().Contain("/us-east-1/iam/aws4_request");
        request.Body.Should().Be("Action=GetServerCertificate&Version=2010-05-08&ServerCertificateName=gone");
    }
}

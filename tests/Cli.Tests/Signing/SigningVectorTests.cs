using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Wso2Serverless.Cli.Tests.Support;
using Wso2Serverless.Aws.Signing;
using Wso2Serverless.Cli.Connection;
using Wso2Serverless.StandIns.ApiGateway;

namespace Wso2Serverless.Cli.Tests.Signing;

/// <summary>
/// Both ends of the end-to-end signature check against AWS's published vectors: the CLI's signing
/// handler produces AWS's Authorization header byte for byte, and the API Gateway stand-in accepts
/// exactly that header and refuses any change to what it covers.
/// </summary>
public sealed class SigningVectorTests
{
    public static TheoryData<string> VectorNames => new(SigV4Vector.Load().Select(static v => v.Name));

    [Theory]
    [MemberData(nameof(VectorNames))]
    public async Task CliSigningHandler_SignsTheVectorRequest_AsAwsDoes(string name)
    {
        var vector = SigV4Vector.Named(name);
        var capture = new Capture();
        using var handler = ApiConnection.CreateSigningHandler(vector.Service, vector.Region,
            new StaticCredentialSource(vector.AccessKeyId, vector.SecretAccessKey), new FixedTime(vector.SignedAt), capture);
        using var invoker = new HttpMessageInvoker(handler);
        using var request = new HttpRequestMessage(new HttpMethod(vector.Method), new Uri($"https://{vector.Header("Host")}{vector.Path}"));
        if (vector.Body.Length > 0)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(vector.Body));
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(vector.Header("Content-Type"));
        }

        using var _ = await invoker.SendAsync(request, CancellationToken.None);

        capture.Authorization.Should().Be(vector.ExpectedAuthorization);
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void StandInVerifier_AcceptsTheVectorSignature(string name)
    {
        var vector = SigV4Vector.Named(name);

        var verdict = Verifier(vector).Verify(Received(vector, vector.ExpectedAuthorization));

        verdict.Refusal.Should().BeNull();
        verdict.Caller!.AccessKeyId.Should().Be(vector.AccessKeyId);
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void StandInVerifier_RefusesTheVectorSignature_WhenTheRequestOrKeyDiffers(string name)
    {
        var vector = SigV4Vector.Named(name);
        var tamperedPath = Received(vector, vector.ExpectedAuthorization) with { RawTarget = "/other" };
        var otherSecret = new SigV4Verifier([Principal(vector) with { SecretAccessKey = "wrong" }], vector.Region, new FixedTime(vector.SignedAt), vector.Service);

        Verifier(vector).Verify(tamperedPath).Refusal.Should().StartWith("The request signature we calculated does not match");
        otherSecret.Verify(Received(vector, vector.ExpectedAuthorization)).Allowed.Should().BeFalse();
    }

    [Fact]
    public void StandInVerifier_RefusesUnsignedExpiredAndMisScopedRequests_AsApiGatewayDoes()
    {
        var vector = SigV4Vector.Named("get-vanilla");
        var later = new SigV4Verifier([Principal(vector)], vector.Region, new FixedTime(vector.SignedAt.AddMinutes(6)), vector.Service);
        var executeApi = new SigV4Verifier([Principal(vector)], vector.Region, new FixedTime(vector.SignedAt));
        var otherRegion = new SigV4Verifier([Principal(vector)], "eu-west-1", new FixedTime(vector.SignedAt), vector.Service);

        Verifier(vector).Verify(Received(vector, null)).Refusal.Should().Be("Forbidden");
        later.Verify(Received(vector, vector.ExpectedAuthorization)).Refusal.Should().StartWith("Signature expired");
        executeApi.Verify(Received(vector, vector.ExpectedAuthorization)).Refusal.Should().Be("Credential should be scoped to correct service: 'execute-api'.");
        otherRegion.Verify(Received(vector, vector.ExpectedAuthorization)).Refusal.Should().StartWith("Credential should be scoped to a valid region");
    }

    private static ApiPrincipal Principal(SigV4Vector vector) =>
        new(vector.AccessKeyId, vector.SecretAccessKey, "123456789012", "arn:aws:iam::123456789012:user/example", "AIDAEXAMPLE");

    private static SigV4Verifier Verifier(SigV4Vector vector) =>
        new([Principal(vector)], vector.Region, new FixedTime(vector.SignedAt), vector.Service);

    private static ReceivedRequest Received(SigV4Vector vector, string? authorization)
    {
        var headers = vector.Headers.ToList();
        if (authorization is not null)
        {
            headers.Add(new("Authorization", authorization));
        }

        return new ReceivedRequest(vector.Method, vector.Path, headers, Encoding.UTF8.GetBytes(vector.Body), "127.0.0.1", "HTTP/1.1");
    }

    private sealed class Capture : HttpMessageHandler
    {
        public string? Authorization { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorization = request.Headers.TryGetValues("Authorization", out var values) ? string.Join(",", values) : null;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}

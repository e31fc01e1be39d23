using System.Globalization;
using System.Text;
using Amazon.Runtime;
using Wso2Serverless.Aws.Signing;

namespace Wso2Serverless.Aws.Tests.Signing;

public sealed class SigV4VectorTests
{
    public static TheoryData<string> VectorNames => new(SigV4Vector.Load().Select(static v => v.Name));

    [Fact]
    public void Vectors_AreBothPresent()
    {
        SigV4Vector.Load().Select(static v => v.Name).Should().BeEquivalentTo("get-vanilla", "post-x-www-form-urlencoded");
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void CanonicalRequest_ForVector_MatchesByteForByte(string name)
    {
        var vector = SigV4Vector.Named(name);

        var (canonical, _) = CanonicalRequest.Build(
            vector.Method, vector.Path, vector.Query, vector.Headers, CanonicalRequest.HashPayload(Encoding.UTF8.GetBytes(vector.Body)));

        canonical.Should().Be(vector.ExpectedCanonicalRequest);
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Authorization_ForVector_MatchesByteForByte(string name)
    {
        var vector = SigV4Vector.Named(name);
        var (canonical, signedHeaders) = CanonicalRequest.Build(
            vector.Method, vector.Path, vector.Query, vector.Headers, CanonicalRequest.HashPayload(Encoding.UTF8.GetBytes(vector.Body)));

        var authorization = SigV4Signer.Authorization(
            new ImmutableCredentials(vector.AccessKeyId, vector.SecretAccessKey, null),
            vector.Region,
            vector.Service,
            SignedAt(vector),
            signedHeaders,
            canonical);

        authorization.Should().Be(vector.ExpectedAuthorization);
    }

    /// <summary>The whole handler, on a real request message, must produce the vector's header too.</summary>
    [Theory]
    [MemberData(nameof(VectorNames))]
    public async Task SigningHandler_ForVector_SendsTheExpectedAuthorization(string name)
    {
        var vector = SigV4Vector.Named(name);
        var capture = new CapturingHandler();
        var clock = new FakeClock(new DateTimeOffset(SignedAt(vector), TimeSpan.Zero));
        using var handler = new SigningHandler(vector.Service, vector.Region, new StaticCredentialSource(vector.AccessKeyId, vector.SecretAccessKey), clock)
        {
            InnerHandler = capture,
        };
        using var invoker = new HttpMessageInvoker(handler);
        using var request = new HttpRequestMessage(new HttpMethod(vector.Method), new Uri($"https://{vector.Header("Host")}{vector.Path}{vector.Query}"));
        if (vector.Method == "POST")
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(vector.Body));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", vector.Header("Content-Type"));
        }

        using var response = await invoker.SendAsync(request, TestContext.Current.CancellationToken);

        capture.Authorization.Should().Be(vector.ExpectedAuthorization);
        capture.Headers["x-amz-date"].Should().Be(vector.Header("X-Amz-Date"));
    }

    private static DateTime SignedAt(SigV4Vector vector) =>
        DateTime.ParseExact(vector.Header("X-Amz-Date"), "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}

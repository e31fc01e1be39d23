using Wso2Serverless.Aws.Signing;

namespace Wso2Serverless.Aws.Tests.Signing;

public sealed class SigningHandlerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Send_WithSessionToken_SignsTheTokenHeader()
    {
        var capture = new CapturingHandler();
        using var invoker = Invoker(capture, new StaticCredentialSource("AKID", "secret", "session-token"), new FakeClock(Now));

        using var response = await invoker.SendAsync(Post(), TestContext.Current.CancellationToken);

        capture.Headers["x-amz-security-token"].Should().Be("session-token");
        capture.Authorization.Should().Contain("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target,");
        capture.Authorization.Should().StartWith("AWS4-HMAC-SHA256 Credential=AKID/20261128/us-east-1/states/aws4_request");
    }

    [Fact]
    public async Task Send_WithoutSessionToken_SendsNoTokenOrPayloadHashHeader()
    {
        var capture = new CapturingHandler();
        using var invoker = Invoker(capture, new StaticCredentialSource("AKID", "secret"), new FakeClock(Now));

        using var response = await invoker.SendAsync(Post(), TestContext.Current.CancellationToken);

        capture.Headers.Should().NotContainKey("x-amz-security-token");
        capture.Headers.Should().NotContainKey("x-amz-content-sha256");
        capture.Headers["x-amz-date"].Should().Be("20261128T100000Z");
    }

    [Fact]
    public async Task Send_SameMessageTwice_ReplacesTheSignatureWithAFreshOne()
    {
        var capture = new CapturingHandler();
        var clock = new FakeClock(Now);
        using var invoker = Invoker(capture, new StaticCredentialSource("AKID", "secret"), clock);
        using var request = Post();

        using (await invoker.SendAsync(request, TestContext.Current.CancellationToken))
        {
        }

        var first = capture.Authorization;
        clock.Advance(TimeSpan.FromSeconds(3));
        using (await invoker.SendAsync(request, TestContext.Current.CancellationToken))
        {
        }

        capture.Authorization.Should().NotBe(first);
        capture.Headers["x-amz-date"].Should().Be("20261128T100003Z");
        request.Headers.GetValues("Authorization").Should().ContainSingle();
    }

    [Fact]
    public async Task Send_WhenServiceWantsPayloadHash_SendsAndSignsIt()
    {
        var capture = new CapturingHandler();
        using var handler = new SigningHandler("s3", "us-east-1", new StaticCredentialSource("AKID", "secret"), new FakeClock(Now), sendContentSha256: true)
        {
            InnerHandler = capture,
        };
        using var invoker = new HttpMessageInvoker(handler);

        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/"), TestContext.Current.CancellationToken);

        capture.Headers["x-amz-content-sha256"].Should().Be(CanonicalRequest.EmptyPayloadHash);
        capture.Authorization.Should().Contain("SignedHeaders=host;x-amz-content-sha256;x-amz-date,");
    }

    [Theory]
    [InlineData("b=2&a=1", "a=1&b=2")]
    [InlineData("a=2&a=1", "a=1&a=2")]
    [InlineData("k=a%20b&x=%7E", "k=a%20b&x=~")]
    [InlineData("flag", "flag=")]
    [InlineData("", "")]
    public void CanonicalQuery_SortsAndEncodesTheRfc3986Way(string query, string expected)
    {
        CanonicalRequest.CanonicalQuery(query).Should().Be(expected);
    }

    [Theory]
    [InlineData("", "/")]
    [InlineData("/", "/")]
    [InlineData("/a%20b/c", "/a%2520b/c")]
    public void CanonicalPath_EncodesSegmentsAgain(string path, string expected)
    {
        CanonicalRequest.CanonicalPath(path).Should().Be(expected);
    }

    private static HttpMessageInvoker Invoker(CapturingHandler capture, ICredentialSource credentials, FakeClock clock) =>
        new(new SigningHandler("states", "us-east-1", credentials, clock) { InnerHandler = capture });

    private static HttpRequestMessage Post()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "https://states.us-east-1.amazonaws.com/")
        {
            Content = new StringContent("{}"),
        };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSStepFunctions.SendTaskHeartbeat");
        return request;
    }
}

using System.Text;
using Wso2Serverless.Aws.Http;
using Wso2Serverless.Aws.S3;
using Wso2Serverless.Aws.Tests.Http;

namespace Wso2Serverless.Aws.Tests.S3;

/// <summary>Reading a product template from S3 the way CloudFormation will: against moto's S3 and a stub.</summary>
public sealed class S3TemplateSourceTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AwsEndpoints S3Endpoint(Uri endpoint, string region = TestAws.Region) =>
        new(name => name switch { "AWS_ENDPOINT_URL_S3" => endpoint.ToString(), "AWS_REGION" => region, _ => null });

    private async Task PutAsync(string bucket, string key, string body)
    {
        using var http = TestAws.Http(AwsService.S3, moto.Endpoint);
        using (var create = await http.PutAsync(new Uri(moto.Endpoint, bucket), null, Ct))
        {
            create.EnsureSuccessStatusCode();
        }

        using var content = new StringContent(body, Encoding.UTF8, "text/yaml");
        using var put = await http.PutAsync(new Uri(moto.Endpoint, $"{bucket}/{key}"), content, Ct);
        put.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task GetTemplateBody_ReadsTheObjectBehindAVirtualHostedUrl()
    {
        var bucket = "artifacts-" + Guid.NewGuid().ToString("N")[..8];
        const string Body = "AWSTemplateFormatVersion: '2010-09-09'\nMappings:\n  PuppetMasterAmi:\n    us-east-1: {Ubuntu1804: ami-0399287745760801f}\n";
        await PutAsync(bucket, "templates/v1/pattern-1.yaml", Body);
        using var reader = new S3ObjectReader(S3Endpoint(moto.Endpoint), TestAws.Credentials, TestAws.NoSleepRetry());

        var text = await new S3TemplateSource(reader).GetTemplateBodyAsync($"https://{bucket}.s3.us-east-1.amazonaws.com/templates/v1/pattern-1.yaml", Ct);

        text.Should().Be(Body);
    }

    [Fact]
    public async Task GetTemplateBody_OfAMissingKey_ThrowsS3sCode()
    {
        var bucket = "artifacts-" + Guid.NewGuid().ToString("N")[..8];
        await PutAsync(bucket, "other.yaml", "x: 1");
        using var reader = new S3ObjectReader(S3Endpoint(moto.Endpoint), TestAws.Credentials, TestAws.NoSleepRetry());

        var act = () => new S3TemplateSource(reader).GetTemplateBodyAsync($"https://{bucket}.s3.us-east-1.amazonaws.com/missing.yaml", Ct);

        (await act.Should().ThrowAsync<AwsServiceException>()).Which.Code.Should().Be("NoSuchKey");
    }

    [Fact]
    public async Task GetObject_SignsForTheBucketsRegionWithThePayloadHash()
    {
        await using var stub = new StubServer().Then(200, "Resources: {}", "text/yaml");
        using var reader = new S3ObjectReader(S3Endpoint(stub.Endpoint, region: "us-east-1"), TestAws.Credentials, TestAws.NoSleepRetry());

        await reader.GetObjectTextAsync(S3ObjectLocation.Parse("https://my-bucket.s3.eu-west-2.amazonaws.com/a%20dir/t.yaml")!, Ct);

        var request = stub.Received.Single();
        request.Method.Should().Be("GET");
        request.Path.Should().Be("/my-bucket/a%20dir/t.yaml");
        request.Headers["authorization"].Should().Contain("/eu-west-2/s3/aws4_request");
        request.Headers["x-amz-content-sha256"].Should().Be("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    [Theory]
    [InlineData("https://b.s3.eu-west-1.amazonaws.com/t/p.yaml", "b", "t/p.yaml", "eu-west-1")]
    [InlineData("https://my.dotted.bucket.s3.us-east-2.amazonaws.com/p.yaml", "my.dotted.bucket", "p.yaml", "us-east-2")]
    [InlineData("https://b.s3-ap-southeast-2.amazonaws.com/p.yaml", "b", "p.yaml", "ap-southeast-2")]
    [InlineData("https://b.s3.amazonaws.com/p.yaml", "b", "p.yaml", null)]
    [InlineData("https://s3.eu-west-1.amazonaws.com/b/dir/p.yaml", "b", "dir/p.yaml", "eu-west-1")]
    [InlineData("https://s3.amazonaws.com/b/p.yaml", "b", "p.yaml", null)]
    public void Location_ReadsEveryFormCloudFormationAccepts(string url, string bucket, string key, string? region)
    {
        S3ObjectLocation.Parse(url).Should().Be(new S3ObjectLocation(bucket, key, region));
    }

    [Theory]
    [InlineData("http://b.s3.eu-west-1.amazonaws.com/p.yaml")]
    [InlineData("https://example.com/p.yaml")]
    [InlineData("https://b.s3.eu-west-1.amazonaws.com/")]
    [InlineData("https://s3.eu-west-1.amazonaws.com/only-a-bucket")]
    public void Location_OfAnythingElse_IsNull(string url)
    {
        S3ObjectLocation.Parse(url).Should().BeNull();
    }
}

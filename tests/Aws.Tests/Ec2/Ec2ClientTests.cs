using Amazon.EC2.Model;
using Wso2Serverless.Aws.Ec2;
using Wso2Serverless.Aws.Http;
using Wso2Serverless.Aws.Tests.ElasticLoadBalancing;
using Wso2Serverless.Aws.Tests.Http;

namespace Wso2Serverless.Aws.Tests.Ec2;

/// <summary>The thin DescribeImages client and the preflight's image catalog, against moto and a stub.</summary>
public sealed class Ec2ClientTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Ec2ImageCatalog Catalog() => new(new Ec2Client(TestAws.Http(AwsService.Ec2, moto.Endpoint)), TestAws.Region);

    [Fact]
    public async Task DescribeImages_AnswersForTheImagesThatExistAndLeavesOutTheOthers()
    {
        var network = await new MotoNetwork(moto).CreateVpcAsync();
        var instance = await network.RunInstanceAsync();
        var baked = (await network.Ec2.CreateImageAsync(new CreateImageRequest { InstanceId = instance, Name = "wso2-apim-" + Guid.NewGuid().ToString("N")[..6] }, Ct)).ImageId;

        var found = await Catalog().DescribeImagesAsync([baked, "ami-0000000000deadbee"], Ct);

        found.Should().ContainKey(baked).WhoseValue.Should().Be("available");
        found.Should().NotContainKey("ami-0000000000deadbee");
    }

    [Fact]
    public async Task DescribeImages_OfADeregisteredImage_FindsNothing()
    {
        var network = await new MotoNetwork(moto).CreateVpcAsync();
        var instance = await network.RunInstanceAsync();
        var baked = (await network.Ec2.CreateImageAsync(new CreateImageRequest { InstanceId = instance, Name = "old-" + Guid.NewGuid().ToString("N")[..6] }, Ct)).ImageId;
        await network.Ec2.DeregisterImageAsync(new DeregisterImageRequest { ImageId = baked }, Ct);

        (await Catalog().DescribeImagesAsync([baked], Ct)).Should().BeEmpty();
    }

    [Fact]
    public async Task DescribeImages_AsksByFilterWithDeprecatedIncluded_AndReadsEc2sXml()
    {
        await using var stub = new StubServer().Then(200, """
            <DescribeImagesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
              <requestId>r-1</requestId>
              <imagesSet>
                <item><imageId>ami-0aaa</imageId><imageState>available</imageState><name>wso2</name><imageOwnerId>123456789012</imageOwnerId></item>
                <item><imageId>ami-0bbb</imageId><imageState>failed</imageState></item>
              </imagesSet>
            </DescribeImagesResponse>
            """, "text/xml");
        var catalog = new Ec2ImageCatalog(new Ec2Client(TestAws.Http(AwsService.Ec2, stub.Endpoint)), "eu-west-1");

        var found = await catalog.DescribeImagesAsync(["ami-0aaa", "ami-0bbb", "ami-0ccc"], Ct);

        found.Should().BeEquivalentTo(new Dictionary<string, string> { ["ami-0aaa"] = "available", ["ami-0bbb"] = "failed" });
        stub.Received.Single().Body.Should().Be(
            "Action=DescribeImages&Version=2016-11-15&Filter.1.Name=image-id&Filter.1.Value.1=ami-0aaa&Filter.1.Value.2=ami-0bbb&Filter.1.Value.3=ami-0ccc&IncludeDeprecated=true");
        catalog.Region.Should().Be("eu-west-1");
    }

    [Fact]
    public async Task DescribeImages_WhenRefused_ThrowsEc2sCode()
    {
        await using var stub = new StubServer().Then(403, """
            <?xml version="1.0" encoding="UTF-8"?>
            <Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>ec2-req-9</RequestID></Response>
            """, "text/xml");
        var client = new Ec2Client(TestAws.Http(AwsService.Ec2, stub.Endpoint));

        var act = () => client.DescribeImagesAsync(new Wso2Serverless.Aws.Ec2.DescribeImagesRequest { ImageIds = ["ami-0aaa"] }, Ct);

        var error = (await act.Should().ThrowAsync<AwsServiceException>()).Which;
        error.Code.Should().Be("UnauthorizedOperation");
        error.RequestId.Should().Be("ec2-req-9");
    }
}

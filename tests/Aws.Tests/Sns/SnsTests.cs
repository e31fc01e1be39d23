using Wso2Serverless.Aws.Http;
using Wso2Serverless.Aws.Sns;

namespace Wso2Serverless.Aws.Tests.Sns;

/// <summary>SNS Publish against moto_server; the topic is made with a raw signed Query call.</summary>
public sealed class SnsTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Http() => TestAws.Http(AwsService.Sns, moto.Endpoint);

    private async Task<string> NewTopicAsync()
    {
        var query = new QueryProtocolClient(Http(), "sns", SnsClient.ApiVersion);
        var result = await query.SendAsync("CreateTopic", new QueryParameters().Add("Name", "t-" + Guid.NewGuid().ToString("N")[..8]), Ct);
        return result.Text("TopicArn")!;
    }

    [Fact]
    public async Task Publish_ToTopic_ReturnsAMessageId()
    {
        var topic = await NewTopicAsync();

        var published = await new SnsClient(Http()).PublishAsync(new PublishRequest { TopicArn = topic, Subject = "Deployment dev succeeded", Message = "all phases done" }, Ct);

        published.MessageId.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Publish_ToMissingTopic_IsNotFound()
    {
        var act = () => new SnsClient(Http()).PublishAsync(new PublishRequest { TopicArn = $"arn:aws:sns:us-east-1:{TestAws.Account}:missing", Message = "m" }, Ct);

        var error = (await act.Should().ThrowAsync<AwsServiceException>()).Which;
        error.Code.Should().Be(AwsErrorCodes.NotFound);
        error.Service.Should().Be("sns");
    }

    [Fact]
    public async Task Notifier_WithOverlongMultilineSubject_StillPublishes()
    {
        var topic = await NewTopicAsync();
        var notifier = new SnsNotifier(new SnsClient(Http()));

        await notifier.PublishAsync(topic, "Deployment failed\nin phase RunPuppetAgents " + new string('x', 200), "details", Ct);
    }

    [Theory]
    [InlineData("short", "short")]
    [InlineData("two\nlines", "two lines")]
    [InlineData("  ", null)]
    [InlineData("Déploiement  dev\t✓", "D?ploiement dev ?")]
    public void FitSubject_MakesTheSubjectAcceptable(string subject, string? expected)
    {
        SnsNotifier.FitSubject(subject).Should().Be(expected);
    }

    [Fact]
    public void FitSubject_TruncatesToSnsLimit()
    {
        var fitted = SnsNotifier.FitSubject(new string('a', 150))!;

        fitted.Length.Should().Be(99);
        fitted.Should().EndWith("...");
    }
}

using Wso2Serverless.Functions.Hosting;

namespace Wso2Serverless.Templates.Tests.ServerlessTemplate;

/// <summary>
/// Notifications are sent by whoever closes a run, and by the scheduler's retry (the outbox),
/// not by the state machines: exactly those functions may publish, to the stack's topic and to
/// the request topics ExtraTopicPrefix allows.
/// </summary>
public sealed class NotificationPublishTests
{
    private static readonly string[] Publishers =
        [HandlerNames.Accept, HandlerNames.Complete, HandlerNames.RecordFailure, HandlerNames.ExecutionStatus, HandlerNames.Api, HandlerNames.Scheduler];

    [Fact]
    public void OnlyTheFunctionsThatCloseRuns_AndTheScheduler_MayPublish()
    {
        var publishing = ServerlessTemplateFile.OfType("AWS::Serverless::Function")
            .Where(f => Publishes(f.Id))
            .Select(f => (string)f.Properties["Handler"]!);

        publishing.Should().BeEquivalentTo(Publishers);
        ServerlessTemplateFile.OfType("AWS::Serverless::StateMachine").Where(m => Publishes(m.Id)).Should().BeEmpty("the state machines have no SNS state");
    }

    [Fact]
    public void APublisher_MayReachTheTopicAndTheRequestTopicsThePrefixAllows()
    {
        foreach (var (id, _) in ServerlessTemplateFile.OfType("AWS::Serverless::Function").Where(f => Publishes(f.Id)))
        {
            var resources = ServerlessTemplateFile.Statements().Where(s => s.Where == id && ServerlessTemplateFile.Strings(s.Statement["Action"]).Contains("sns:Publish"))
                .Select(s => s.Statement["Resource"]!.ToJsonString()).Single();
            resources.Should().Contain("\"Ref\":\"Topic\"").And.Contain("${ExtraTopicPrefix}*", $"{id} sends to a request's own topic too");
        }
    }

    private static bool Publishes(string id) =>
        ServerlessTemplateFile.Statements().Any(s => s.Where == id && ServerlessTemplateFile.Strings(s.Statement["Action"]).Contains("sns:Publish"));
}

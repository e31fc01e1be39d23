using System.Text.Json.Nodes;
using Wso2Serverless.Templates.Tests.Support;

namespace Wso2Serverless.Templates.Tests.ServerlessTemplate;

/// <summary>
/// EventBridge invokes its targets asynchronously: after a function error Lambda retries twice,
/// then drops the event unless an on-failure destination keeps it (#13 defect 11). Every
/// function a rule invokes keeps its failures in an encrypted queue with an alarm on its depth.
/// </summary>
public sealed class AsyncInvocationTests
{
    private static readonly string[] Expected = ["EventRouterFunction", "ExecutionStatusFunction", "SchedulerFunction"];

    /// <summary>The functions the template's rules invoke (their targets' <c>Fn::GetAtt [X, Arn]</c>).</summary>
    private static IReadOnlyList<string> RuleTargets() =>
        [.. ServerlessTemplateFile.OfType("AWS::Events::Rule")
            .SelectMany(r => r.Properties["Targets"]!.AsArray())
            .Select(t => (string)t!["Arn"]!["Fn::GetAtt"]![0]!)
            .Where(id => (string?)ServerlessTemplateFile.Resources[id]!["Type"] == "AWS::Serverless::Function")
            .Distinct()
            .Order(StringComparer.Ordinal)];

    [Fact]
    public void EveryFunctionARuleInvokes_KeepsItsFailedEventsInAnEncryptedQueue()
    {
        RuleTargets().Should().Equal(Expected);
        foreach (var id in RuleTargets())
        {
            var config = ServerlessTemplateFile.Resources[id]!["Properties"]!["EventInvokeConfig"];
            config.Should().NotBeNull($"{id} is invoked asynchronously");
            ((int)config!["MaximumRetryAttempts"]!).Should().BeInRange(0, 2);
            ((int)config["MaximumEventAgeInSeconds"]!).Should().BeInRange(60, 21600);
            var onFailure = config["DestinationConfig"]!["OnFailure"]!;
            ((string?)onFailure["Type"]).Should().Be("SQS");
            var queue = QueueOf(onFailure["Destination"]);
            var properties = ServerlessTemplateFile.Resources[queue]!["Properties"]!;
            ((bool?)properties["SqsManagedSseEnabled"] == true || properties["KmsMasterKeyId"] is not null).Should().BeTrue($"{queue} holds events: encrypted at rest");
            ((int)properties["MessageRetentionPeriod"]!).Should().Be(1209600, "14 days, SQS's longest, to replay after a long weekend");
        }
    }

    [Fact]
    public void TheOnFailureQueue_HasAnAlarmOnItsDepthThatTellsTheTopic()
    {
        var queues = RuleTargets().Select(id => QueueOf(ServerlessTemplateFile.Resources[id]!["Properties"]!["EventInvokeConfig"]!["DestinationConfig"]!["OnFailure"]!["Destination"])).Distinct().ToList();

        queues.Should().NotBeEmpty();
        foreach (var queue in queues)
        {
            var alarms = ServerlessTemplateFile.OfType("AWS::CloudWatch::Alarm").Where(a =>
                (string?)a.Properties["Namespace"] == "AWS/SQS"
                && (string?)a.Properties["MetricName"] == "ApproximateNumberOfMessagesVisible"
                && a.Properties["Dimensions"]!.AsArray().Any(d => (string?)d!["Name"] == "QueueName" && (string?)d["Value"]!["Fn::GetAtt"]![0] == queue)).ToList();
            var alarm = alarms.Should().ContainSingle($"{queue}'s depth is watched").Subject.Properties;
            ((double)alarm["Threshold"]!).Should().Be(1);
            ((string?)alarm["ComparisonOperator"]).Should().Be("GreaterThanOrEqualToThreshold");
            ((string?)alarm["AlarmActions"]![0]!["Ref"]).Should().Be("Topic");
        }
    }

    [Fact]
    public async Task SamTranslation_GivesEachOneAnEventInvokeConfigAndItsRoleTheRightToSendThere()
    {
        var transformed = await SamTranslator.TransformAsync();
        var resources = transformed["Resources"]!.AsObject();

        foreach (var id in Expected)
        {
            var config = resources.Where(r => (string?)r.Value!["Type"] == "AWS::Lambda::EventInvokeConfig" && (string?)r.Value!["Properties"]!["FunctionName"]!["Ref"] == id)
                .Should().ContainSingle($"SAM turns {id}'s EventInvokeConfig into a resource").Subject.Value!["Properties"]!;
            ((string?)config["Qualifier"]).Should().Be("$LATEST");
            var queue = QueueOf(config["DestinationConfig"]!["OnFailure"]!["Destination"]);
            var role = resources[$"{id}Role"]!["Properties"]!;
            role["Policies"]!.AsArray().SelectMany(p => p!["PolicyDocument"]!["Statement"]!.AsArray())
                .Should().Contain(s => ServerlessTemplateFile.Strings(s!["Action"]).Contains("sqs:SendMessage")
                    && s["Resource"]!.ToJsonString().Contains($"\"{queue}\"", StringComparison.Ordinal), $"{id} may send its failures to {queue}");
        }
    }

    private static string QueueOf(JsonNode? destination)
    {
        var queue = (string)destination!["Fn::GetAtt"]![0]!;
        ((string?)destination["Fn::GetAtt"]![1]).Should().Be("Arn");
        ((string?)ServerlessTemplateFile.Resources[queue]!["Type"]).Should().Be("AWS::SQS::Queue");
        return queue;
    }
}

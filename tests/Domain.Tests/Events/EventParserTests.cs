using System.Text;
using Wso2Serverless.Domain.Events;
using Wso2Serverless.Domain.Signals;

namespace Wso2Serverless.Domain.Tests.Events;

public class EventParserTests
{
    private const string StackId = "arn:aws:cloudformation:us-east-1:123456789012:stack/wso2-dev/5b1f3c40-cd21-11f0-9d4e-0a8b7c6d5e4f";

    [Fact]
    public void Parse_StackStatusChange_ReadsStackIdStatusAndMetadata()
    {
        var result = EventParser.Parse(Samples.Bytes("stack-create-complete.json"));

        var e = result.Event.Should().BeOfType<EventBridgeEvent<StackStatusChangeDetail>>().Subject;
        e.Detail.StackId.Should().Be(StackId);
        e.Detail.Status.Should().Be("CREATE_COMPLETE");
        e.Detail.ClientRequestToken.Should().Be("wso2o-dev-20261128-0900-CreateStack-1");
        e.Metadata.Id.Should().Be("6a7e8feb-b491-4cf7-a9f1-bf3703467718");
        e.Metadata.Source.Should().Be("aws.cloudformation");
        e.Metadata.Time.Should().Be(new DateTimeOffset(2026, 11, 28, 9, 21, 4, TimeSpan.Zero));
        e.Metadata.Resources.Should().ContainSingle().Which.Should().Be(StackId);
    }

    [Fact]
    public void Parse_StackInProgress_ReadsReason()
    {
        var e = (EventBridgeEvent<StackStatusChangeDetail>)EventParser.Parse(Samples.Bytes("stack-create-in-progress.json")).Event!;

        e.Detail.StatusDetails!.StatusReason.Should().Be("User Initiated");
        e.Detail.Status.Should().Be("CREATE_IN_PROGRESS");
    }

    [Fact]
    public void Parse_CommandStatusChange_ReadsCommandAndParameters()
    {
        var e = EventParser.Parse(Samples.Bytes("ssm-command-failed.json")).Event
            .Should().BeOfType<EventBridgeEvent<CommandStatusChangeDetail>>().Subject;

        e.Detail.CommandId.Should().Be("8d2b9c1e-4f3a-4b6c-9d8e-7f6a5b4c3d2e");
        e.Detail.Status.Should().Be("Failed");
        e.Detail.DocumentName.Should().Be("wso2-run-puppet-agent");
        e.Detail.RequestedDateTime.Should().Be("2026-11-28T09:40:21.512Z");
        e.Detail.Parameters.Should().ContainKey("executionTimeout");
        e.Metadata.Resources.Should().HaveCount(2);
    }

    [Fact]
    public void Parse_CommandInvocationStatusChange_ReadsInstance()
    {
        var e = EventParser.Parse(Samples.Bytes("ssm-invocation-in-progress.json")).Event
            .Should().BeOfType<EventBridgeEvent<CommandInvocationStatusChangeDetail>>().Subject;

        e.Detail.InstanceId.Should().Be("i-0a1b2c3d4e5f60718");
        e.Detail.Status.Should().Be("InProgress");
        e.Detail.CommandId.Should().Be("8d2b9c1e-4f3a-4b6c-9d8e-7f6a5b4c3d2e");
    }

    [Fact]
    public void Parse_ExecutionStatusChange_ReadsEpochMillisecondDates()
    {
        var e = EventParser.Parse(Samples.Bytes("states-execution-aborted.json")).Event
            .Should().BeOfType<EventBridgeEvent<ExecutionStatusChangeDetail>>().Subject;

        e.Detail.Name.Should().Be("dev-20261128-0900");
        e.Detail.Status.Should().Be(ExecutionStatuses.Aborted);
        e.Detail.Started.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1795856400000));
        e.Detail.Stopped.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1795857190000));
        e.Detail.Output.Should().BeNull();
        e.Detail.Input.Should().Contain("topicArn");
    }

    [Fact]
    public void Parse_ExecutionTimedOut_ReadsErrorAndCause()
    {
        var e = (EventBridgeEvent<ExecutionStatusChangeDetail>)EventParser.Parse(Samples.Bytes("states-execution-timed-out.json")).Event!;

        e.Detail.Error.Should().Be("States.Timeout");
        e.Detail.Cause.Should().Contain("TimeoutSeconds");
    }

    [Theory]
    [InlineData("signal-progress.json", PuppetMasterSignal.Progress, "modules", "Puppet modules installed")]
    [InlineData("signal-ready.json", PuppetMasterSignal.Ready, "ready", null)]
    [InlineData("signal-failed.json", PuppetMasterSignal.Failed, "puppetserver", "puppetserver did not start within 300 s")]
    public void Parse_PuppetMasterSignal_ReadsCamelCaseDetail(string sample, string status, string stage, string? message)
    {
        var e = EventParser.Parse(Samples.Bytes(sample)).Event
            .Should().BeOfType<EventBridgeEvent<PuppetMasterSignalDetail>>().Subject;

        e.Detail.DeploymentId.Should().Be("dev-20261128-0900");
        e.Detail.Status.Should().Be(status);
        e.Detail.Stage.Should().Be(stage);
        e.Detail.Message.Should().Be(message);
    }

    [Theory]
    [InlineData("unrelated-ec2-state-change.json", "unrelated event")]
    [InlineData("malformed-truncated.json", "malformed JSON")]
    [InlineData("malformed-stack-without-id.json", "missing stack-id")]
    [InlineData("malformed-signal-unknown-status.json", "status 'DONE' is not one of")]
    [InlineData("malformed-no-detail.json", "has no detail object")]
    public void Parse_BadOrUnrelatedSample_DropsWithReason(string sample, string reason)
    {
        var result = EventParser.Parse(Samples.Bytes(sample));

        result.Accepted.Should().BeFalse();
        result.Event.Should().BeNull();
        result.DropReason.Should().Contain(reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("{}")]
    [InlineData("{\"source\":\"aws.ssm\"}")]
    [InlineData("{\"source\":\"aws.ssm\",\"detail-type\":\"EC2 Command Status-change Notification\",\"detail\":{\"command-id\":7}}")]
    [InlineData("{\"source\":\"aws.states\",\"detail-type\":\"Step Functions Execution Status Change\",\"detail\":{\"executionArn\":\"a\",\"name\":\"n\",\"status\":\"FAILED\",\"startDate\":\"yesterday\"}}")]
    [InlineData("{\"source\":\"wso2.orchestrator\",\"detail-type\":\"Puppet Master Signal\",\"detail\":{\"stage\":\"x\",\"status\":\"READY\"}}")]
    public void Parse_Garbage_NeverThrowsAndDrops(string payload)
    {
        var act = () => EventParser.Parse(Encoding.UTF8.GetBytes(payload));

        var result = act.Should().NotThrow().Subject;
        result.Accepted.Should().BeFalse();
        result.DropReason.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Parse_MalformedJson_DoesNotEchoPayload()
    {
        var result = EventParser.Parse(Encoding.UTF8.GetBytes("{\"password\": hunter2-secret}"));

        result.DropReason.Should().NotContain("hunter2");
    }

    [Fact]
    public void Parse_HugeUnrelatedSource_CapsTheEcho()
    {
        var source = new string('x', 5000);
        var result = EventParser.Parse(Encoding.UTF8.GetBytes($"{{\"source\":\"{source}\",\"detail-type\":\"y\",\"detail\":{{}}}}"));

        result.DropReason!.Length.Should().BeLessThan(300);
    }
}

using Wso2Serverless.Domain.Events;

namespace Wso2Serverless.Domain.Tests.Events;

/// <summary>The samples AWS publishes for every source our rules route (see samples/README.md) parse into their typed events.</summary>
public class AwsSampleEventTests
{
    [Theory]
    [InlineData("aws-ssm-command-status-change.json", typeof(CommandStatusChangeDetail))]
    [InlineData("aws-ssm-command-invocation-status-change.json", typeof(CommandInvocationStatusChangeDetail))]
    [InlineData("aws-cloudformation-stack-status-change.json", typeof(StackStatusChangeDetail))]
    [InlineData("aws-states-execution-started.json", typeof(ExecutionStatusChangeDetail))]
    [InlineData("aws-states-execution-succeeded.json", typeof(ExecutionStatusChangeDetail))]
    [InlineData("aws-states-execution-failed.json", typeof(ExecutionStatusChangeDetail))]
    [InlineData("aws-states-execution-timed-out.json", typeof(ExecutionStatusChangeDetail))]
    [InlineData("aws-states-execution-aborted.json", typeof(ExecutionStatusChangeDetail))]
    public void Parse_AwsPublishedSample_ReadsItsDocumentedShape(string sample, Type detailType)
    {
        var result = EventParser.Parse(Samples.Bytes(sample));

        result.DropReason.Should().BeNull();
        result.Event!.GetType().GetGenericArguments().Should().Equal(detailType);
        result.Event.Metadata.Id.Should().NotBeEmpty();
    }

    [Fact]
    public void Parse_AwsCommandSample_KeepsTheDocumentNameTheRouterFiltersOn()
    {
        var e = (EventBridgeEvent<CommandStatusChangeDetail>)EventParser.Parse(Samples.Bytes("aws-ssm-command-status-change.json")).Event!;

        e.Detail.DocumentName.Should().Be("AWS-RunPowerShellScript");
        e.Detail.CommandId.Should().Be("e8d3c0e4-71f7-4491-898f-c9b35bee5f3b");
    }

    [Fact]
    public void Parse_AwsStackSample_HasAnEmptyClientRequestTokenAndAStackIdWithoutGuid()
    {
        var e = (EventBridgeEvent<StackStatusChangeDetail>)EventParser.Parse(Samples.Bytes("aws-cloudformation-stack-status-change.json")).Event!;

        e.Detail.StackId.Should().Be("arn:aws:cloudformation:us-west-1:111122223333:stack/teststack");
        e.Detail.ClientRequestToken.Should().BeEmpty();
    }
}

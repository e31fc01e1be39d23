using System.Text.Json;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Outcomes;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Workflow;

namespace Wso2Serverless.Domain.Tests.Outcomes;

public class StackOutcomeResolverTests
{
    private const string StackId = "arn:aws:cloudformation:us-east-1:123456789012:stack/wso2-dev/5b1f3c40";
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static StackEvent Ev(int second, string logicalId, string type, string status, string? reason = null) =>
        new($"e{second}", logicalId, type, status, reason, T0.AddSeconds(second));

    /// <summary>A create that failed on the RDS instance; CloudFormation cancelled the siblings after it.</summary>
    private static List<StackEvent> FailedCreateNewestFirst() =>
    [
        Ev(90, "wso2-dev", "AWS::CloudFormation::Stack", "ROLLBACK_COMPLETE"),
        Ev(80, "PuppetMaster", "AWS::EC2::Instance", "DELETE_COMPLETE"),
        Ev(70, "wso2-dev", "AWS::CloudFormation::Stack", "ROLLBACK_IN_PROGRESS", "The following resource(s) failed to create: [ApimNode, WSO2DBInstance]."),
        Ev(62, "ApimNode", "AWS::EC2::Instance", "CREATE_FAILED", "Resource creation cancelled"),
        Ev(61, "WSO2DBInstance", "AWS::RDS::DBInstance", "CREATE_FAILED", "DB instance class db.t9.huge is not supported"),
        Ev(60, "MiNode", "AWS::EC2::Instance", "CREATE_FAILED", "Resource creation cancelled"),
        Ev(20, "PuppetMaster", "AWS::EC2::Instance", "CREATE_IN_PROGRESS"),
        Ev(10, "wso2-dev", "AWS::CloudFormation::Stack", "CREATE_IN_PROGRESS", "User Initiated"),
    ];

    [Theory]
    [InlineData("CREATE_COMPLETE")]
    [InlineData("UPDATE_COMPLETE")]
    public void Resolve_CreateWaitCompletes_Succeeds(string status)
    {
        var resolved = StackOutcomeResolver.Resolve(StackOperation.Create, StackId, status, null, []);

        resolved!.Succeeded.Should().BeTrue();
        resolved.Detail[DetailKeys.StackStatus].Should().Be(status);
        using var output = JsonDocument.Parse(resolved.Outcome.OutputJson!);
        output.RootElement.GetProperty("stackId").GetString().Should().Be(StackId);
    }

    [Theory]
    [InlineData("CREATE_IN_PROGRESS")]
    [InlineData("ROLLBACK_IN_PROGRESS")]
    [InlineData("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS")]
    [InlineData("DELETE_IN_PROGRESS")]
    public void Resolve_CreateWaitStillMoving_ReturnsNull(string status) =>
        StackOutcomeResolver.Resolve(StackOperation.Create, StackId, status, null, []).Should().BeNull();

    [Theory]
    [InlineData("ROLLBACK_COMPLETE")]
    [InlineData("ROLLBACK_FAILED")]
    [InlineData("CREATE_FAILED")]
    [InlineData("DELETE_FAILED")]
    [InlineData("DELETE_COMPLETE")]
    [InlineData("UPDATE_ROLLBACK_COMPLETE")]
    public void Resolve_CreateWaitFails_FailsWithStackError(string status)
    {
        var resolved = StackOutcomeResolver.Resolve(StackOperation.Create, StackId, status, null, []);

        resolved!.Succeeded.Should().BeFalse();
        resolved.Outcome.Error.Should().Be(WorkflowErrors.StackFailed);
        resolved.Outcome.Cause.Should().Contain(status);
    }

    [Fact]
    public void Resolve_DeleteWait_SucceedsOnDeleteCompleteOnly()
    {
        StackOutcomeResolver.Resolve(StackOperation.Delete, StackId, "DELETE_COMPLETE", null, [])!.Succeeded.Should().BeTrue();
        StackOutcomeResolver.Resolve(StackOperation.Delete, StackId, "DELETE_FAILED", "role gone", [])!.Succeeded.Should().BeFalse();
        StackOutcomeResolver.Resolve(StackOperation.Delete, StackId, "DELETE_IN_PROGRESS", null, []).Should().BeNull();
        // The old stack's earlier life is not the end of a delete wait.
        StackOutcomeResolver.Resolve(StackOperation.Delete, StackId, "CREATE_COMPLETE", null, []).Should().BeNull();
    }

    [Fact]
    public void Resolve_RollbackAmongCascades_NamesTheFirstRealFailure()
    {
        var resolved = StackOutcomeResolver.Resolve(StackOperation.Create, StackId, "ROLLBACK_COMPLETE", null, FailedCreateNewestFirst())!;

        resolved.Detail[DetailKeys.FailedResource].Should().Be("WSO2DBInstance");
        resolved.Detail[DetailKeys.FailedResourceType].Should().Be("AWS::RDS::DBInstance");
        resolved.Detail[DetailKeys.FailedResourceReason].Should().Be("DB instance class db.t9.huge is not supported");
        resolved.Outcome.Cause.Should().Contain("WSO2DBInstance").And.Contain("db.t9.huge").And.Contain("ROLLBACK_COMPLETE");
        resolved.Reason.Should().Be(resolved.Outcome.Cause);
    }

    [Fact]
    public void FirstFailure_OnlyCascades_FallsBackToOldestFailure()
    {
        List<StackEvent> events =
        [
            Ev(5, "B", "AWS::EC2::Instance", "CREATE_FAILED", "Resource creation cancelled"),
            Ev(4, "A", "AWS::EC2::Instance", "CREATE_FAILED", "Resource creation cancelled"),
        ];

        StackOutcomeResolver.FirstFailure(StackId, events)!.LogicalResourceId.Should().Be("A");
    }

    [Fact]
    public void FirstFailure_IgnoresFailuresOfEarlierOperations()
    {
        // The stack failed an update long ago; this delete failed on the bucket.
        List<StackEvent> events =
        [
            Ev(300, "ArtifactBucket", "AWS::S3::Bucket", "DELETE_FAILED", "The bucket you tried to delete is not empty"),
            Ev(290, "wso2-dev", "AWS::CloudFormation::Stack", "DELETE_IN_PROGRESS", "User Initiated"),
            Ev(100, "ApimNode", "AWS::EC2::Instance", "UPDATE_FAILED", "old failure"),
            Ev(90, "wso2-dev", "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", "User Initiated"),
        ];

        var resolved = StackOutcomeResolver.Resolve(StackOperation.Delete, StackId, "DELETE_FAILED", null, events)!;

        resolved.Detail[DetailKeys.FailedResource].Should().Be("ArtifactBucket");
    }

    [Fact]
    public void Resolve_NoFailedResourceEvents_UsesStackReason()
    {
        var resolved = StackOutcomeResolver.Resolve(StackOperation.Delete, StackId, "DELETE_FAILED", "Role is invalid or cannot be assumed", [])!;

        resolved.Outcome.Cause.Should().Be("Stack DELETE_FAILED: Role is invalid or cannot be assumed");
        resolved.Detail.Should().NotContainKey(DetailKeys.FailedResource);
    }

    [Theory]
    [InlineData(PhaseNames.RemoveOld, "DELETE_COMPLETE", StackOperation.Delete)]
    [InlineData(PhaseNames.Teardown, "DELETE_FAILED", StackOperation.Delete)]
    [InlineData(PhaseNames.CreateStack, "DELETE_COMPLETE", StackOperation.Create)]
    [InlineData(null, "DELETE_COMPLETE", StackOperation.Delete)]
    [InlineData(null, "ROLLBACK_COMPLETE", StackOperation.Create)]
    public void OperationFor_PhaseOrStatus_PicksTheWaitKind(string? phase, string status, StackOperation expected) =>
        StackOutcomeResolver.OperationFor(phase, status).Should().Be(expected);

    [Fact]
    public void StackNameOf_Arn_ReturnsName()
    {
        StackOutcomeResolver.StackNameOf(StackId).Should().Be("wso2-dev");
        StackOutcomeResolver.StackNameOf("plain").Should().Be("plain");
    }
}

using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Notifications;

namespace Wso2Serverless.Domain.Tests.Notifications;

public class NotificationComposerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private const string ExecutionArn = "arn:aws:states:eu-west-1:123456789012:execution:wso2-deployment:dev-20261128-0900";

    private static DeploymentRecord Record(DeploymentStatus status, string? failedPhase = null, string? reason = null) => new()
    {
        DeploymentId = "dev-20261128-0900",
        Environment = "dev",
        StackName = "wso2-dev",
        Status = status,
        StartedAt = T0,
        EndedAt = T0.AddMinutes(42).AddSeconds(7),
        ExecutionArn = ExecutionArn,
        FailedPhase = failedPhase,
        Reason = reason,
        Outputs = new Dictionary<string, string>
        {
            ["PublisherUrl"] = "https://wso2-dev-alb.example.com/publisher",
            ["DevPortalUrl"] = "https://wso2-dev-alb.example.com/devportal",
            ["GatewayHttpsUrl"] = "https://wso2-dev-alb.example.com:8243",
        },
    };

    private static PhaseRecord Phase(string name, PhaseStatus status, int startMinute, int minutes, string? error = null) => new()
    {
        DeploymentId = "dev-20261128-0900",
        Phase = name,
        Status = status,
        StartedAt = T0.AddMinutes(startMinute),
        EndedAt = T0.AddMinutes(startMinute + minutes),
        Error = error,
    };

    private static readonly PhaseRecord[] FailedRun =
    [
        Phase(PhaseNames.Accept, PhaseStatus.Succeeded, 0, 0),
        Phase(PhaseNames.CreateStack, PhaseStatus.Succeeded, 0, 14),
        Phase(PhaseNames.AwaitPuppetMaster, PhaseStatus.Succeeded, 14, 9),
        Phase(PhaseNames.RunDatabaseScripts, PhaseStatus.Succeeded, 23, 2),
        Phase(PhaseNames.Agent("apim"), PhaseStatus.Failed, 25, 17, "Instance i-0bbb (role apim) exited 1 (run failed): Error: Could not retrieve catalog"),
    ];

    [Fact]
    public void Compose_Failure_SaysWhereWhyAndHowLong()
    {
        var n = NotificationComposer.Compose(
            Record(DeploymentStatus.Failed, "RunPuppetAgents:apim", "Instance i-0bbb (role apim) exited 1 (run failed): Error: Could not retrieve catalog"),
            FailedRun,
            NotificationLinks.For("https://api.example.test/prod/", "dev-20261128-0900", ExecutionArn));

        n.Subject.Should().Be("WSO2 dev: deployment FAILED in RunPuppetAgents:apim (dev-20261128-0900)");
        n.Message.Should().Contain("Environment:  dev")
            .And.Contain("Outcome:      Failed")
            .And.Contain("Failed phase: RunPuppetAgents:apim")
            .And.Contain("Reason:       Instance i-0bbb (role apim) exited 1")
            .And.Contain("Duration:     42m 07s")
            .And.Contain("CreateStack")
            .And.Contain("14m 00s")
            .And.Contain("error: Instance i-0bbb")
            .And.Contain("PublisherUrl: https://wso2-dev-alb.example.com/publisher")
            .And.Contain("DevPortalUrl: https://wso2-dev-alb.example.com/devportal")
            .And.Contain("Status:       https://api.example.test/prod/deployments/dev-20261128-0900")
            .And.Contain("https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/v2/executions/details/" + ExecutionArn);
    }

    [Fact]
    public void Compose_Success_HasNoFailureLines()
    {
        var n = NotificationComposer.Compose(Record(DeploymentStatus.Succeeded), [Phase(PhaseNames.Verify, PhaseStatus.Succeeded, 40, 2)]);

        n.Subject.Should().Be("WSO2 dev: deployment succeeded (dev-20261128-0900)");
        n.Message.Should().NotContain("Failed phase").And.NotContain("Reason:").And.Contain("GatewayHttpsUrl");
        n.Message.Should().NotContain("Console:");
    }

    [Theory]
    [InlineData(DeploymentStatus.Aborted, "ABORTED")]
    [InlineData(DeploymentStatus.TimedOut, "TIMED OUT")]
    [InlineData(DeploymentStatus.Cancelled, "cancelled")]
    public void Compose_AbortTimeoutCancel_NamesTheOutcome(DeploymentStatus status, string word)
    {
        var n = NotificationComposer.Compose(Record(status, PhaseNames.AwaitPuppetMaster, "Execution aborted"), FailedRun);

        n.Subject.Should().Contain($"deployment {word} in AwaitPuppetMaster");
        n.Message.Should().StartWith($"WSO2 API Manager deployment {word}");
    }

    [Fact]
    public void Subject_LongOrHostileText_IsSnsSafe()
    {
        var record = Record(DeploymentStatus.Failed, "Phase\nwith newline and ünïcödé " + new string('x', 200), "r") with
        {
            Environment = "prod\r\n-eu",
        };

        var subject = NotificationComposer.Subject(record, "  [ALERT]");

        subject.Length.Should().BeLessThanOrEqualTo(100);
        subject.Should().NotContainAny("\r", "\n");
        subject.All(c => c is >= ' ' and <= '~').Should().BeTrue();
        subject.Should().StartWith("[ALERT] WSO2 prod  -eu");
        subject.Should().EndWith("...");
    }

    [Fact]
    public void Subject_IdThatDoesNotFit_IsLeftOut()
    {
        var record = Record(DeploymentStatus.Failed, "RunPuppetAgents:apim") with { DeploymentId = new string('d', 80) };

        NotificationComposer.Subject(record).Should().Be("WSO2 dev: deployment FAILED in RunPuppetAgents:apim");
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(59, "59s")]
    [InlineData(125, "2m 05s")]
    [InlineData(3723, "1h 02m 03s")]
    [InlineData(-5, "0s")]
    public void Duration_FormatsShort(int seconds, string expected) =>
        NotificationComposer.Duration(TimeSpan.FromSeconds(seconds)).Should().Be(expected);

    [Theory]
    [InlineData(null)]
    [InlineData("not-an-arn")]
    [InlineData("arn:aws:lambda:us-east-1:123:function:x")]
    public void ConsoleUrlOf_NotAnExecutionArn_IsNull(string? arn) =>
        NotificationLinks.ConsoleUrlOf(arn).Should().BeNull();
}

using Wso2Serverless.Domain.Outcomes;
using Wso2Serverless.Domain.Signals;
using Wso2Serverless.Domain.Workflow;

namespace Wso2Serverless.Domain.Tests.Outcomes;

public class SignalOutcomeResolverTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Resolve_Progress_IsASubStepOnly()
    {
        var resolution = SignalOutcomeResolver.Resolve(new PuppetMasterSignalDetail("d-1", "modules", PuppetMasterSignal.Progress, "installed"), At);

        resolution.Final.Should().BeNull();
        resolution.Step.Should().Be(new Model.SubStep("modules", PuppetMasterSignal.Progress, At, "installed"));
    }

    [Fact]
    public void Resolve_Ready_Succeeds()
    {
        var resolution = SignalOutcomeResolver.Resolve(new PuppetMasterSignalDetail("d-1", "ready", PuppetMasterSignal.Ready, null), At);

        resolution.Final!.Succeeded.Should().BeTrue();
        resolution.Final.Outcome.OutputJson.Should().Contain("\"status\":\"READY\"");
    }

    [Fact]
    public void Resolve_Failed_FailsWithStageAndMessage()
    {
        var resolution = SignalOutcomeResolver.Resolve(new PuppetMasterSignalDetail("d-1", "database", PuppetMasterSignal.Failed, "mysql refused the connection"), At);

        resolution.Final!.Succeeded.Should().BeFalse();
        resolution.Final.Outcome.Error.Should().Be(WorkflowErrors.PuppetMasterFailed);
        resolution.Final.Outcome.Cause.Should().Be("Puppet Master failed at stage 'database': mysql refused the connection");
        resolution.Final.Detail[DetailKeys.SignalStage].Should().Be("database");
    }
}

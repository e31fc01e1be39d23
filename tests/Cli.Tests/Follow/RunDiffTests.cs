using Wso2Serverless.Cli.Api;
using Wso2Serverless.Cli.Follow;
using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Cli.Tests.Follow;

/// <summary>What <c>watch</c> reports between two polls: each change once, in the order it happened.</summary>
public sealed class RunDiffTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void FirstPoll_ReportsEverythingAlreadyThere_InTimeOrder()
    {
        var view = View(DeploymentStatus.Running,
            Phase(PhaseNames.CreateStack, PhaseStatus.Succeeded, 0, 60),
            Phase(PhaseNames.AwaitPuppetMaster, PhaseStatus.Running, 61, null, steps: [Step("modules", 90)]));

        var events = RunDiff.Between(null, view);

        events.Select(Describe).Should().Equal(
            "start CreateStack", "end CreateStack", "start AwaitPuppetMaster", "step modules");
    }

    [Fact]
    public void LaterPoll_ReportsOnlyWhatIsNew()
    {
        var before = View(DeploymentStatus.Running, Phase(PhaseNames.AwaitPuppetMaster, PhaseStatus.Running, 0, null, steps: [Step("modules", 10)]));
        var after = View(DeploymentStatus.Running,
            Phase(PhaseNames.AwaitPuppetMaster, PhaseStatus.Succeeded, 0, 40, steps: [Step("modules", 10), Step("verify", 30)]),
            Phase(PhaseNames.Agent("apim"), PhaseStatus.Running, 41, null, instances: [new InstanceResult("i-1", "InProgress", null, "")]));

        RunDiff.Between(before, after).Select(Describe).Should().Equal(
            "step verify", "end AwaitPuppetMaster", "start RunPuppetAgents:apim", "node i-1 InProgress");
    }

    [Fact]
    public void NodeStatusChange_AndRetriedAttempt_AndRunEnd_AreReportedOnce()
    {
        var before = View(DeploymentStatus.Running,
            Phase(PhaseNames.CreateStack, PhaseStatus.Failed, 0, 10),
            Phase(PhaseNames.Agent("mi"), PhaseStatus.Running, 11, null, instances: [new InstanceResult("i-2", "InProgress", null, "")]));
        var after = View(DeploymentStatus.Failed,
            Phase(PhaseNames.CreateStack, PhaseStatus.Running, 20, null, attempt: 2),
            Phase(PhaseNames.Agent("mi"), PhaseStatus.Failed, 11, 30, instances: [new InstanceResult("i-2", "Failed", 1, "")]));

        var events = RunDiff.Between(before, after);
        var again = RunDiff.Between(after, after);

        events.Select(Describe).Should().BeEquivalentTo("start CreateStack", "node i-2 Failed", "end RunPuppetAgents:mi", "run Failed");
        again.Should().BeEmpty();
    }

    [Fact]
    public void ANodeReport_TakesTheTimeItWasRecorded_NotItsPhaseStart()
    {
        var view = View(DeploymentStatus.Running,
            Phase(PhaseNames.Agent("apim"), PhaseStatus.Running, 0, null,
                steps: [Step("catalog", 10), Step("retry", 60)],
                instances: [new InstanceResult("i-1", "Success", 0, "", T0.AddSeconds(40)), new InstanceResult("i-2", "InProgress", null, "")]));

        var events = RunDiff.Between(null, view);

        events.Select(Describe).Should().Equal(
            "start RunPuppetAgents:apim", "node i-2 InProgress", "step catalog", "node i-1 Success", "step retry");
        events.OfType<InstanceReported>().Select(e => e.At).Should().Equal(T0, T0.AddSeconds(40));
    }

    private static string Describe(RunEvent e) => e switch
    {
        PhaseStarted s => "start " + s.Phase.Phase,
        PhaseEnded x => "end " + x.Phase.Phase,
        SubStepArrived s => "step " + s.Step.Name,
        InstanceReported i => $"node {i.Instance.InstanceId} {i.Instance.Status}",
        RunEnded r => "run " + r.Deployment.Status,
        _ => e.ToString(),
    };

    private static RunView View(DeploymentStatus status, params PhaseRecord[] phases) => new(
        new DeploymentRecord
        {
            DeploymentId = "d-1", Environment = "dev", StackName = "wso2-dev", Status = status, StartedAt = T0,
            EndedAt = status == DeploymentStatus.Running ? null : T0.AddSeconds(100),
        },
        phases);

    private static PhaseRecord Phase(string name, PhaseStatus status, int start, int? end, int attempt = 1, SubStep[]? steps = null, InstanceResult[]? instances = null) => new()
    {
        DeploymentId = "d-1", Phase = name, Status = status, StartedAt = T0.AddSeconds(start), EndedAt = end is { } e ? T0.AddSeconds(e) : null,
        Attempt = attempt, SubSteps = steps ?? [], Instances = instances ?? [],
    };

    private static SubStep Step(string name, int at) => new(name, "PROGRESS", T0.AddSeconds(at), null);
}

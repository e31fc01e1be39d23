using Wso2Serverless.Domain.Model;
using Wso2Serverless.Functions.Tasks;
using Wso2Serverless.Functions.Tests.Fakes;

namespace Wso2Serverless.Functions.Tests.Tasks;

public class PhaseJournalTests
{
    private const string DeploymentId = "dep-1";
    private readonly FakeWorld _world = new();
    private readonly PhaseJournal _journal;

    public PhaseJournalTests()
    {
        _journal = new PhaseJournal(_world.Deployments, _world.Clock);
    }

    [Fact]
    public async Task Start_OnAPhaseAlreadyClosed_LeavesItClosed()
    {
        // #13 defect 3: a late duplicate invocation wrote the closed phase back as Running.
        await _journal.StartAsync(DeploymentId, PhaseNames.CreateStack, null, TestContext.Current.CancellationToken);
        await _journal.FinishAsync(DeploymentId, PhaseNames.CreateStack, PhaseStatus.Succeeded, null, null, null, TestContext.Current.CancellationToken);

        var again = await _journal.StartAsync(DeploymentId, PhaseNames.CreateStack, new Dictionary<string, string> { ["x"] = "y" }, TestContext.Current.CancellationToken);

        again.Status.Should().Be(PhaseStatus.Succeeded);
        _world.Deployments.Phase(DeploymentId, PhaseNames.CreateStack)!.Status.Should().Be(PhaseStatus.Succeeded);
    }

    [Fact]
    public async Task Finish_Twice_KeepsTheFirstOutcome()
    {
        await _journal.StartAsync(DeploymentId, PhaseNames.Verify, null, TestContext.Current.CancellationToken);
        await _journal.FinishAsync(DeploymentId, PhaseNames.Verify, PhaseStatus.Failed, "unhealthy", null, null, TestContext.Current.CancellationToken);

        var second = await _journal.FinishAsync(DeploymentId, PhaseNames.Verify, PhaseStatus.Succeeded, null, null, null, TestContext.Current.CancellationToken);

        second.Status.Should().Be(PhaseStatus.Failed);
        second.Error.Should().Be("unhealthy");
    }

    [Fact]
    public async Task Finish_StampsNodeResultsNotYetStamped_AndKeepsThoseThatAre()
    {
        var earlier = _world.Clock.UtcNow;
        await _journal.StartAsync(DeploymentId, PhaseNames.Agent(AgentRoles.ApiManager), null, TestContext.Current.CancellationToken);
        _world.Clock.Advance(TimeSpan.FromMinutes(3));

        var finished = await _journal.FinishAsync(DeploymentId, PhaseNames.Agent(AgentRoles.ApiManager), PhaseStatus.Failed, "timed out", null,
            [new InstanceResult("i-1", "Success", 0, "", earlier), new InstanceResult("i-2", "TimedOut", null, "")], TestContext.Current.CancellationToken);

        finished.Instances.Select(i => i.ReportedAt).Should().Equal(earlier, _world.Clock.UtcNow);
    }

    [Fact]
    public async Task Annotate_MergesDetailWithoutLosingWhatAnotherWriterAdded()
    {
        await _journal.StartAsync(DeploymentId, PhaseNames.CreateStack, new Dictionary<string, string> { ["templateUrl"] = "https://t" }, TestContext.Current.CancellationToken);

        await _journal.AnnotateAsync(DeploymentId, PhaseNames.CreateStack, new Dictionary<string, string> { ["stackId"] = "arn:stack" }, TestContext.Current.CancellationToken);

        _world.Deployments.Phase(DeploymentId, PhaseNames.CreateStack)!.Detail.Should()
            .Contain("templateUrl", "https://t").And.Contain("stackId", "arn:stack");
    }

    [Fact]
    public async Task CloseEarlier_ClosesOnlyRunningPhases()
    {
        await _journal.StartAsync(DeploymentId, PhaseNames.CreateStack, null, TestContext.Current.CancellationToken);
        await _journal.StartAsync(DeploymentId, PhaseNames.Accept, null, TestContext.Current.CancellationToken);
        await _journal.FinishAsync(DeploymentId, PhaseNames.Accept, PhaseStatus.Failed, "x", null, null, TestContext.Current.CancellationToken);

        await _journal.CloseEarlierAsync(DeploymentId, PhaseNames.AwaitPuppetMaster, TestContext.Current.CancellationToken);

        _world.Deployments.Phase(DeploymentId, PhaseNames.CreateStack)!.Status.Should().Be(PhaseStatus.Succeeded);
        _world.Deployments.Phase(DeploymentId, PhaseNames.Accept)!.Status.Should().Be(PhaseStatus.Failed);
    }
}

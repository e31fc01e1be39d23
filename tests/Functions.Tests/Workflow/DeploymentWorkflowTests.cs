using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Signals;
using Wso2Serverless.Domain.Workflow;
using Wso2Serverless.Functions.Tasks;
using Wso2Serverless.Functions.Tests.Fakes;

namespace Wso2Serverless.Functions.Tests.Workflow;

public class DeploymentWorkflowTests
{
    [Fact]
    public async Task Run_WhenEverythingWorks_SucceedsRecordsEveryPhaseAndReleasesLock()
    {
        var s = new Scenario();

        var result = await s.RunAsync();

        result.Status.Should().Be("SUCCEEDED");
        s.Record()!.Status.Should().Be(DeploymentStatus.Succeeded);
        s.Record()!.Outputs.Should().ContainKey("PublisherUrl");
        s.Lock.Should().BeNull();
        foreach (var phase in new[] { PhaseNames.Accept, PhaseNames.CreateStack, PhaseNames.AwaitPuppetMaster, PhaseNames.RunDatabaseScripts, "RunPuppetAgents:apim", "RunPuppetAgents:mi", PhaseNames.Verify, PhaseNames.Complete })
        {
            s.Phase(phase)!.Status.Should().Be(PhaseStatus.Succeeded, phase);
            s.Phase(phase)!.EndedAt.Should().NotBeNull(phase);
        }

        s.Phase(PhaseNames.AwaitPuppetMaster)!.SubSteps.Select(x => x.Status).Should().Equal(PuppetMasterSignal.Progress, PuppetMasterSignal.Ready);
        s.World.Workflow.Heartbeats.Should().HaveCount(1);
        s.World.Notifier.Published.Should().ContainSingle().Which.Subject.Should().Contain("succeeded");
        // Agents ran in the request's order: API Manager before Micro Integrator.
        s.World.Commands.Commands.Select(c => c.Input.TargetTags[ResourceTags.Role]).Should().Equal("puppetmaster", "apim", "mi");
    }

    [Fact]
    public async Task Run_WhenThePuppetMasterSignalsWhileItsStackIsBeingCreated_TheSignalsWaitForTheirPhase()
    {
        // On AWS the Puppet Master boots and signals before CREATE_COMPLETE: its signals must not
        // open AwaitPuppetMaster (a rollback would blame it and leave CreateStack Running).
        var s = new Scenario();
        PhaseRecord? duringCreate = null;
        s.Driver.OnWait[PhaseNames.CreateStack] = async c =>
        {
            await c.Driver.SignalAsync(c.Deployment.DeploymentId, "modules", PuppetMasterSignal.Progress, "modules installed");
            await c.Driver.SignalAsync(c.Deployment.DeploymentId, "serving", PuppetMasterSignal.Ready);
            duringCreate = c.World.Deployments.Phase(c.Deployment.DeploymentId, PhaseNames.AwaitPuppetMaster);
            c.World.Stacks.CompleteCreate(c.StackId, Scenario.Outputs);
        };
        s.Driver.OnWait.Remove(PhaseNames.AwaitPuppetMaster);

        var result = await s.RunAsync();

        result.Status.Should().Be("SUCCEEDED");
        duringCreate.Should().BeNull("no phase is opened by an event");
        s.Phase(PhaseNames.CreateStack)!.Status.Should().Be(PhaseStatus.Succeeded);
        var awaited = s.Phase(PhaseNames.AwaitPuppetMaster)!;
        awaited.Status.Should().Be(PhaseStatus.Succeeded);
        awaited.SubSteps.Select(x => x.Status).Should().Equal(PuppetMasterSignal.Progress, PuppetMasterSignal.Ready);
    }

    [Fact]
    public async Task Run_WhenItEnds_EmitsOneMetricLinePerPhaseAndOneForTheDeployment()
    {
        var s = new Scenario();

        await s.RunAsync();

        var documents = s.World.Metrics.Lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        documents.Where(d => d.TryGetProperty("Phase", out _)).Select(d => d.GetProperty("Phase").GetString())
            .Should().Contain([PhaseNames.CreateStack, PhaseNames.AwaitPuppetMaster, "RunPuppetAgents:mi", PhaseNames.Verify]);
        documents.Where(d => d.TryGetProperty("Outcome", out _)).Select(d => d.GetProperty("Outcome").GetString())
            .Should().Equal(nameof(DeploymentStatus.Succeeded));
        documents.Should().OnlyContain(d => d.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Namespace").GetString() == "Wso2Serverless");
    }

    [Fact]
    public async Task Run_WhenAStepFails_CountsTheFailedDeploymentOnce()
    {
        var s = new Scenario();
        s.Driver.OnWait[PhaseNames.CreateStack] = c =>
        {
            c.World.Stacks.FailCreate(c.StackId, "ApimNode1", "AWS::EC2::Instance", "capacity");
            return Task.CompletedTask;
        };

        await s.RunAsync();

        s.World.Metrics.Lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Where(d => d.TryGetProperty("Outcome", out _)).Select(d => d.GetProperty("Outcome").GetString())
            .Should().Equal(nameof(DeploymentStatus.Failed));
    }

    [Fact]
    public async Task Run_HappyPath_WalksTheDefinitionsStatesInOrder()
    {
        // The route this driver walks through the definition; the state transitions of the real
        // ASL execution are counted by the runner (Simulator.Tests: Run_HappyPath_StaysWithinTwentyStateTransitions).
        var s = new Scenario();

        await s.RunAsync();

        s.Driver.Visited.Should().Equal(
            "Accept", "Route", "CreateStack", "AwaitPuppetMaster", "RunDatabaseScripts", "RunPuppetAgents",
            "RunPuppetAgent", "RunPuppetAgent", "Verify", "VerifyHealthy", "Complete", "Succeeded");
    }

    [Fact]
    public async Task Run_WhenStackRollsBack_FailsInCreateStackNamingTheFirstFailedResource()
    {
        var s = new Scenario();
        s.Driver.OnWait[PhaseNames.CreateStack] = c =>
        {
            c.World.Stacks.FailCreate(c.StackId, "ApimNode1", "AWS::EC2::Instance", "The requested instance type is not supported in your requested Availability Zone");
            return Task.CompletedTask;
        };

        var result = await s.RunAsync();

        result.Status.Should().Be("FAILED");
        result.Error.Should().Be(WorkflowErrors.StackFailed);
        result.Cause.Should().Contain("ApimNode1").And.Contain("not supported");
        s.Record()!.Status.Should().Be(DeploymentStatus.Failed);
        s.Record()!.FailedPhase.Should().Be(PhaseNames.CreateStack);
        s.Phase(PhaseNames.CreateStack)!.Status.Should().Be(PhaseStatus.Failed);
        s.Phase(PhaseNames.CreateStack)!.Error.Should().Contain("ApimNode1");
        s.Phase(PhaseNames.AwaitPuppetMaster).Should().BeNull();
        s.Lock.Should().BeNull();
        s.World.Notifier.Published.Should().ContainSingle().Which.Message.Should().Contain("ApimNode1");
    }

    [Fact]
    public async Task Run_WhenStackEventIsLost_ReconcileFindsStackCompleteAndContinues()
    {
        var s = new Scenario();
        s.Driver.OnWait[PhaseNames.CreateStack] = c =>
        {
            c.Driver.LoseStackEvents = true;
            c.World.Stacks.CompleteCreate(c.StackId, Scenario.Outputs);
            c.Driver.LoseStackEvents = false;
            return Task.CompletedTask;
        };

        var result = await s.RunAsync();

        result.Status.Should().Be("SUCCEEDED");
        s.Driver.Visited.Should().ContainInOrder("CreateStack", "ReconcileCreateStack", "CreateStackReconciled", "AwaitPuppetMaster");
        s.World.Stacks.Stacks.Should().ContainSingle();
        s.Phase(PhaseNames.CreateStack)!.Status.Should().Be(PhaseStatus.Succeeded);
        s.Phase(PhaseNames.CreateStack)!.Detail["stackStatus"].Should().Be("CREATE_COMPLETE");
        s.Lock.Should().BeNull();
    }

    [Fact]
    public async Task Run_WhenStackIsSlowButFinishesOnSecondWait_WaitsAgainWithoutCreatingTwice()
    {
        var s = new Scenario();
        s.Driver.OnWait[PhaseNames.CreateStack] = c =>
        {
            if (c.Wait == 2)
            {
                c.World.Stacks.CompleteCreate(c.StackId, Scenario.Outputs);
            }

            return Task.CompletedTask;
        };

        var result = await s.RunAsync();

        result.Status.Should().Be("SUCCEEDED");
        s.Driver.Visited.Count(v => v == "CreateStack").Should().Be(2);
        s.World.Stacks.Stacks.Should().ContainSingle();
        s.Phase(PhaseNames.CreateStack)!.Attempt.Should().Be(2);
    }

    [Fact]
    public async Task Run_WhenPuppetMasterSignalsFailed_FailsWithStageAndMessage()
    {
        var s = new Scenario();
        s.Driver.OnWait[PhaseNames.AwaitPuppetMaster] = async c =>
        {
            await c.Driver.SignalAsync(c.Deployment.DeploymentId, "modules", PuppetMasterSignal.Progress);
            await c.Driver.SignalAsync(c.Deployment.DeploymentId, "database-client", PuppetMasterSignal.Failed, "mysql client package not found");
        };

        var result = await s.RunAsync();

        result.Error.Should().Be(WorkflowErrors.PuppetMasterFailed);
        result.Cause.Should().Contain("database-client").And.Contain("mysql client package not found");
        s.Record()!.FailedPhase.Should().Be(PhaseNames.AwaitPuppetMaster);
        s.Phase(PhaseNames.AwaitPuppetMaster)!.Status.Should().Be(PhaseStatus.Failed);
        s.Phase(PhaseNames.CreateStack)!.Status.Should().Be(PhaseStatus.Succeeded);
        s.World.Commands.Commands.Should().BeEmpty();
        s.Lock.Should().BeNull();
    }

    [Fact]
    public async Task Run_WhenPuppetMasterStaysSilent_FailsAfterMaxWaitsWithLastStatus()
    {
        var s = new Scenario();
        s.Driver.OnWait[PhaseNames.AwaitPuppetMaster] = c => Task.CompletedTask;

        var result = await s.RunAsync();

        result.Error.Should().Be(WorkflowErrors.WaitExhausted);
        result.Cause.Should().Be("AwaitPuppetMaster did not finish within 3600 s (2 waits of 1800 s; last status no signal received)");
        s.Driver.Visited.Count(v => v == "ReconcilePuppetMaster").Should().Be(2);
        s.Record()!.FailedPhase.Should().Be(PhaseNames.AwaitPuppetMaster);
        s.Phase(PhaseNames.AwaitPuppetMaster)!.Status.Should().Be(PhaseStatus.Failed);
        s.Phase(PhaseNames.AwaitPuppetMaster)!.Attempt.Should().Be(2);
        s.Lock.Should().BeNull();
    }

    [Fact]
    public async Task Run_WhenDatabaseScriptsFail_FailsInRunDatabaseScriptsWithTheOutput()
    {
        var s = new Scenario();
        s.Driver.OnWait[PhaseNames.RunDatabaseScripts] = c =>
        {
            c.World.Commands.Finish(c.CommandId(AgentRoles.PuppetMaster), 1, "Error: ERROR 1045 (28000): Access denied for user 'wso2carbon'\nFAILED stage=apim_db");
            return Task.CompletedTask;
        };

        var result = await s.RunAsync();

        result.Error.Should().Be(WorkflowErrors.CommandFailed);
        result.Cause.Should().Contain("i-pm").And.Contain("Access denied");
        s.Record()!.FailedPhase.Should().Be(PhaseNames.RunDatabaseScripts);
        s.Phase(PhaseNames.RunDatabaseScripts)!.Status.Should().Be(PhaseStatus.Failed);
        s.World.Commands.CommandsFor(ResourceTags.Role, AgentRoles.ApiManager).Should().BeEmpty();
        s.Lock.Should().BeNull();
    }

    [Fact]
    public async Task Run_WhenApiManagerAgentExits4_FailsAndMicroIntegratorNeverRuns()
    {
        var s = new Scenario();
        s.Driver.OnWait[PhaseNames.Agent(AgentRoles.ApiManager)] = c =>
        {
            c.World.Commands.Finish(c.CommandId(AgentRoles.ApiManager), 0, "Error: Could not find class ::apim_common",
                exitCodes: new Dictionary<string, int> { ["i-apim-1"] = 4 });
            return Task.CompletedTask;
        };

        var result = await s.RunAsync();

        result.Error.Should().Be(WorkflowErrors.CommandFailed);
        result.Cause.Should().Contain("i-apim-1").And.Contain("exited 4");
        s.Record()!.FailedPhase.Should().Be("RunPuppetAgents:apim");
        s.Phase("RunPuppetAgents:apim")!.Status.Should().Be(PhaseStatus.Failed);
        s.Phase("RunPuppetAgents:mi").Should().BeNull();
        s.World.Commands.CommandsFor(ResourceTags.Role, AgentRoles.MicroIntegrator).Should().BeEmpty();
        s.Lock.Should().BeNull();
    }

    [Fact]
    public async Task Run_WhenMicroIntegratorAgentExits6_FailsInItsRole()
    {
        var s = new Scenario();
        s.Driver.OnWait[PhaseNames.Agent(AgentRoles.MicroIntegrator)] = c =>
        {
            c.World.Commands.Finish(c.CommandId(AgentRoles.MicroIntegrator), 6, "Notice: applied\nError: /Stage[main]/Mi/Service[wso2mi]: Failed to start");
            return Task.CompletedTask;
        };

        var result = await s.RunAsync();

        result.Error.Should().Be(WorkflowErrors.CommandFailed);
        result.Cause.Should().Contain("exited 6");
        s.Record()!.FailedPhase.Should().Be("RunPuppetAgents:mi");
        s.Phase("RunPuppetAgents:apim")!.Status.Should().Be(PhaseStatus.Succeeded);
        s.Phase("RunPuppetAgents:mi")!.Status.Should().Be(PhaseStatus.Failed);
        s.Lock.Should().BeNull();
    }

    [Fact]
    public async Task Run_WhenAgentExits2_TreatsChangesAppliedAsSuccess()
    {
        var s = new Scenario();
        s.Driver.OnWait[PhaseNames.Agent(AgentRoles.ApiManager)] = c =>
        {
            c.World.Commands.Finish(c.CommandId(AgentRoles.ApiManager), 2, "Notice: Applied catalog in 80 seconds");
            return Task.CompletedTask;
        };

        var result = await s.RunAsync();

        result.Status.Should().Be("SUCCEEDED");
        s.Phase("RunPuppetAgents:apim")!.Status.Should().Be(PhaseStatus.Succeeded);
        s.Lock.Should().BeNull();
    }

    [Fact]
    public async Task Run_WhenCreateStackIsThrottled_TheStateMachineRetryCreatesOneStack()
    {
        var s = new Scenario();
        s.World.Stacks.Faults.Throttle("CreateStack", times: 2);

        var result = await s.RunAsync();

        result.Status.Should().Be("SUCCEEDED");
        s.World.Stacks.Faults.Calls("CreateStack").Should().Be(3);
        s.World.Stacks.Stacks.Should().ContainSingle();
        s.Phase(PhaseNames.CreateStack)!.Status.Should().Be(PhaseStatus.Succeeded);
        s.Lock.Should().BeNull();
    }

    [Fact]
    public async Task Run_WhenThrottlingOutlastsTheRetries_FailsInCreateStackWithTheServiceError()
    {
        var s = new Scenario();
        s.World.Stacks.Faults.Throttle("CreateStack", times: 10);

        var result = await s.RunAsync();

        result.Status.Should().Be("FAILED");
        result.Cause.Should().Contain("Rate exceeded");
        s.Record()!.FailedPhase.Should().Be(PhaseNames.CreateStack);
        s.World.Stacks.Stacks.Should().BeEmpty();
        s.Lock.Should().BeNull();
    }

    [Fact]
    public async Task Run_WhenEveryTaskIsInvokedTwice_CreatesOneStackSendsEachCommandOnceAndCallsBackOnce()
    {
        var s = new Scenario();
        s.Driver.InvocationsPerTask = 2;

        var result = await s.RunAsync();

        result.Status.Should().Be("SUCCEEDED");
        s.World.Stacks.Stacks.Should().ContainSingle();
        s.World.Commands.Commands.Should().HaveCount(3);
        var callbacks = s.World.Workflow.Callbacks;
        callbacks.Select(c => c.TaskToken).Should().OnlyHaveUniqueItems();
        s.World.Workflow.Faults.Calls("SendTaskSuccess").Should().Be(callbacks.Count);
        s.Lock.Should().BeNull();
    }

    [Fact]
    public async Task Run_WhenFailurePolicyIsDelete_RequestsDeletionOfTheFailedStack()
    {
        var s = new Scenario();
        s.Driver.OnWait[PhaseNames.RunDatabaseScripts] = c =>
        {
            c.World.Commands.Finish(c.CommandId(AgentRoles.PuppetMaster), 1, "FAILED");
            return Task.CompletedTask;
        };

        var result = await s.RunAsync(Scenario.Request.Replace("\"environment\": \"dev\",", "\"environment\": \"dev\", \"failurePolicy\": \"delete\",", StringComparison.Ordinal));

        result.Status.Should().Be("FAILED");
        s.World.Stacks.Stacks.Single().Status.Should().Be("DELETE_IN_PROGRESS");
        s.Phase("Cleanup")!.Status.Should().Be(PhaseStatus.Succeeded);
        s.Lock.Should().BeNull();
    }

    [Fact]
    public async Task Run_WhenFailurePolicyIsKeep_LeavesTheStack()
    {
        var s = new Scenario();
        s.Driver.OnWait[PhaseNames.RunDatabaseScripts] = c =>
        {
            c.World.Commands.Finish(c.CommandId(AgentRoles.PuppetMaster), 1, "FAILED");
            return Task.CompletedTask;
        };

        await s.RunAsync();

        s.World.Stacks.Stacks.Single().Status.Should().Be("CREATE_COMPLETE");
        s.Phase("Cleanup").Should().BeNull();
    }

    [Fact]
    public async Task Run_WhenRebuilding_DeletesTheOldStackFirst()
    {
        var s = new Scenario();
        var old = s.World.Stacks.Seed(Scenario.StackName, "CREATE_COMPLETE", new Dictionary<string, string> { [ResourceTags.Environment] = Scenario.Environment, [ResourceTags.DeploymentId] = "dep-0000" });

        var result = await s.RunAsync(Scenario.Request.Replace("\"environment\": \"dev\",", "\"environment\": \"dev\", \"rebuild\": true,", StringComparison.Ordinal));

        result.Status.Should().Be("SUCCEEDED");
        old.Status.Should().Be("DELETE_COMPLETE");
        s.Phase(PhaseNames.RemoveOld)!.Status.Should().Be(PhaseStatus.Succeeded);
        s.World.Stacks.Live(Scenario.StackName)!.Tags[ResourceTags.DeploymentId].Should().Be(Scenario.DeploymentId);
        s.Driver.Visited.Should().ContainInOrder("Route", "RemoveOld", "CreateStack");
    }

    [Fact]
    public async Task Run_WhenAbortedMidRun_TheLeaseLetsTheNextDeploymentInAndTheAbortedRunCannotReclaimIt()
    {
        var s = new Scenario();
        s.Driver.AbortAfter = "CreateStack";
        var aborted = await s.RunAsync();
        aborted.Status.Should().Be("ABORTED");
        s.Lock!.DeploymentId.Should().Be(Scenario.DeploymentId);
        s.Lock.LeaseExpiresAt.Should().Be(s.World.Clock.UtcNow + s.World.Settings.LockLease);

        // No Catch runs on an abort; the lease bounds how long the lock can outlive the run.
        s.World.Clock.Advance(s.World.Settings.LockLease);
        var next = new AcceptRequestBuilder(s.World).Accept("dep-0002");
        (await next).Accepted.Should().BeTrue();
        s.Lock!.DeploymentId.Should().Be("dep-0002");

        // A late task of the aborted run finds it lost the lock and fails instead of carrying on.
        var late = new AwaitPuppetMasterFunction(s.World.Services);
        using var request = System.Text.Json.JsonDocument.Parse(Scenario.Request);
        var d = Domain.Validation.DeploymentRequestValidator.Validate(request.RootElement, Scenario.DeploymentId, s.World.Clock.UtcNow).Deployment!;
        await late.HandleAsync(new WaitTaskRequest { Deployment = d, TaskToken = "late" }, TestContext.Current.CancellationToken);
        s.World.Workflow.CallbackFor("late")!.Error.Should().Be(WorkflowErrors.EnvironmentBusy);
        s.World.Workflow.CallbackFor("late")!.Cause.Should().Contain("dep-0002");
        s.Lock!.DeploymentId.Should().Be("dep-0002");
    }
}

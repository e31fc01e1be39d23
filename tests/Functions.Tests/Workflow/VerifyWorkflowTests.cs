using System.Text.Json;
using System.Text.Json.Nodes;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Workflow;
using Wso2Serverless.Functions.Tasks;

namespace Wso2Serverless.Functions.Tests.Workflow;

/// <summary>The Verify loop of deployment.asl.json (Verify → VerifyHealthy → WaitForTargets → Verify) walked by the driver.</summary>
public sealed class VerifyWorkflowTests
{
    private const string Arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/wso2-dev-mi/0123456789abcdef";

    private static IReadOnlyList<TargetGroupHealth> Mi(string state, string? reason, string? description = null) =>
        [new("MiHttpTargetGroup", Arn, "HTTP:9201/healthz", [new("i-mi-1", 8290, state, reason, description)])];

    [Fact]
    public async Task Run_WhenTargetsNeedOneMoreLook_WaitsOnce()
    {
        var s = new Scenario();
        s.World.LoadBalancer.Script = look => look == 1 ? Mi("initial", "Elb.InitialHealthChecking") : Mi("healthy", null);

        var result = await s.RunAsync();

        result.Status.Should().Be("SUCCEEDED");
        s.Driver.Visited.Should().Equal(
            "Accept", "Route", "CreateStack", "AwaitPuppetMaster", "RunDatabaseScripts", "RunPuppetAgents",
            "RunPuppetAgent", "RunPuppetAgent", "Verify", "VerifyHealthy", "WaitForTargets", "Verify", "VerifyHealthy",
            "Complete", "Succeeded");
        s.Phase(PhaseNames.Verify)!.Detail["checks"].Should().Be("2 of 6");
    }

    [Fact]
    public async Task Run_WhenATargetStaysUnhealthy_FailsInVerifyWithElbsReasonAndReleasesTheLock()
    {
        var s = new Scenario();
        s.World.LoadBalancer.Groups = Mi("unhealthy", "Target.FailedHealthChecks", "Health checks failed with these codes: [503]");

        var result = await s.RunAsync();

        result.Status.Should().Be("FAILED");
        result.Error.Should().Be(WorkflowErrors.VerifyFailed);
        result.Cause.Should().Contain("MiHttpTargetGroup healthy 0/1: i-mi-1:8290 unhealthy Target.FailedHealthChecks: Health checks failed with these codes: [503]");
        s.Record()!.FailedPhase.Should().Be(PhaseNames.Verify);
        s.Lock.Should().BeNull();
        s.World.LoadBalancer.Looks.Should().Be(6, "1 + verifySeconds 300 / verifyIntervalSeconds 60");
        s.Driver.Visited.Count(v => v == "WaitForTargets").Should().Be(5);
        s.World.Notifier.Published.Should().ContainSingle().Which.Message.Should().Contain("Target.FailedHealthChecks");
    }

    [Fact]
    public void VerifyResult_CarriesTheFieldsTheChoiceAndTheWaitRead()
    {
        var definition = JsonNode.Parse(File.ReadAllText(RepoPaths.StateMachine("deployment.asl.json")))!["States"]!;
        var json = JsonSerializer.Serialize(new VerifyResult(false, new Dictionary<string, string>(), null) { Retry = true, WaitSeconds = 60 }, TaskJsonContext.Default.VerifyResult);
        var result = JsonNode.Parse(json)!;

        var choices = definition["VerifyHealthy"]!["Choices"]!.AsArray().Select(c => c!["Variable"]!.GetValue<string>()).ToList();
        choices.Should().Equal("$.verify.result.healthy", "$.verify.result.retry");
        definition["WaitForTargets"]!["SecondsPath"]!.GetValue<string>().Should().Be("$.verify.result.waitSeconds");
        result["healthy"]!.GetValue<bool>().Should().BeFalse();
        result["retry"]!.GetValue<bool>().Should().BeTrue();
        result["waitSeconds"]!.GetValue<int>().Should().Be(60);
        definition["Verify"]!["Parameters"]!["Payload"]!["enteredTime.$"]!.GetValue<string>().Should().Be("$$.State.EnteredTime");
    }
}

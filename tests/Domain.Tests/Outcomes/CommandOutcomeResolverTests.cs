using System.Text.Json;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Outcomes;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Workflow;

namespace Wso2Serverless.Domain.Tests.Outcomes;

public class CommandOutcomeResolverTests
{
    private const string PuppetFailureOutput =
        "Info: Using configured environment 'production'\n" +
        "Info: Retrieving pluginfacts\n" +
        "\u001b[1;31mError: Could not retrieve catalog from remote server: Error 500 on SERVER: Evaluation Error: Unknown variable: '::db_host'\u001b[0m\n" +
        "Warning: Not using cache on failed catalog\n" +
        "\u001b[1;31mError: Could not retrieve catalog; skipping run\u001b[0m\n";

    private static CommandResult Command(string status, params CommandInvocationResult[] invocations) =>
        new("cmd-1", status, invocations);

    private static CommandInvocationResult Inv(string id, string status, int? code, string output = "") => new(id, status, code, output);

    [Theory]
    [InlineData("Pending")]
    [InlineData("InProgress")]
    [InlineData("Delayed")]
    [InlineData("Cancelling")]
    public void Resolve_Running_ReturnsNull(string status) =>
        CommandOutcomeResolver.Resolve(Command(status, Inv("i-1", "InProgress", null)), CommandKind.PuppetAgent, "apim").Should().BeNull();

    [Theory]
    [InlineData(0, "Success")]
    [InlineData(2, "Failed")] // a document that does not map Puppet's "changes applied"
    [InlineData(2, "Success")]
    public void Resolve_PuppetSuccessExitCodes_Succeed(int exitCode, string invocationStatus)
    {
        var resolved = CommandOutcomeResolver.Resolve(Command(invocationStatus, Inv("i-1", invocationStatus, exitCode)), CommandKind.PuppetAgent, "apim")!;

        resolved.Succeeded.Should().BeTrue();
        resolved.Instances.Should().ContainSingle().Which.ExitCode.Should().Be(exitCode);
        using var output = JsonDocument.Parse(resolved.Outcome.OutputJson!);
        output.RootElement.GetProperty("commandId").GetString().Should().Be("cmd-1");
        output.RootElement.GetProperty("instances")[0].GetProperty("exitCode").GetInt32().Should().Be(exitCode);
    }

    [Theory]
    [InlineData(1, "run failed")]
    [InlineData(4, "some resources failed")]
    [InlineData(6, "changes applied, some resources failed")]
    public void Resolve_PuppetFailureExitCodes_FailNamingInstanceRoleCodeAndFirstError(int exitCode, string meaning)
    {
        var resolved = CommandOutcomeResolver.Resolve(
            Command("Failed", Inv("i-0aaa", "Success", 0), Inv("i-0bbb", "Failed", exitCode, PuppetFailureOutput)), CommandKind.PuppetAgent, "apim")!;

        resolved.Succeeded.Should().BeFalse();
        resolved.Outcome.Error.Should().Be(WorkflowErrors.CommandFailed);
        resolved.Outcome.Cause.Should().Be(
            $"Instance i-0bbb (role apim) exited {exitCode} ({meaning}): Error: Could not retrieve catalog from remote server: Error 500 on SERVER: Evaluation Error: Unknown variable: '::db_host'");
        resolved.Detail[DetailKeys.FailedInstance].Should().Be("i-0bbb");
        resolved.Detail[DetailKeys.ExitCode].Should().Be(exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        resolved.Instances.Should().HaveCount(2);
    }

    [Fact]
    public void Resolve_SsmSaysSuccessButExitCodeIsPuppetFailure_Fails()
    {
        CommandOutcomeResolver.Resolve(Command("Success", Inv("i-1", "Success", 4)), CommandKind.PuppetAgent, null)!.Succeeded.Should().BeFalse();
    }

    [Theory]
    [InlineData("TimedOut")]
    [InlineData("Cancelled")]
    [InlineData("DeliveryTimedOut")]
    [InlineData("Delivery Timed Out")]
    [InlineData("ExecutionTimedOut")]
    [InlineData("Undeliverable")]
    [InlineData("Terminated")]
    public void Resolve_InstanceEndsWithoutExitCode_FailsWithItsStatus(string status)
    {
        var resolved = CommandOutcomeResolver.Resolve(Command("Failed", Inv("i-1", status, null)), CommandKind.DatabaseScripts, AgentRoles.PuppetMaster)!;

        resolved.Succeeded.Should().BeFalse();
        resolved.Outcome.Cause.Should().Be($"Instance i-1 (role puppetmaster) ended {status.Replace(" ", "", StringComparison.Ordinal)}");
    }

    [Fact]
    public void Resolve_CommandTimedOutWithHealthyInstances_Fails()
    {
        var resolved = CommandOutcomeResolver.Resolve(Command("TimedOut", Inv("i-1", "Success", 0)), CommandKind.PuppetAgent, "mi")!;

        resolved.Succeeded.Should().BeFalse();
        resolved.Outcome.Cause.Should().Be("Command cmd-1 (role mi) ended TimedOut");
    }

    [Fact]
    public void Resolve_SuccessWithNoInstances_Fails()
    {
        var resolved = CommandOutcomeResolver.Resolve(Command("Success"), CommandKind.PuppetAgent, "mi")!;

        resolved.Succeeded.Should().BeFalse();
        resolved.Outcome.Cause.Should().Contain("reached no instance");
    }

    [Fact]
    public void Instances_LongOutput_KeepsTailWithinTwoKilobytes()
    {
        var output = string.Concat(Enumerable.Range(0, 2000).Select(i => $"Notice: line {i}\n"));
        var resolved = CommandOutcomeResolver.Resolve(Command("Success", Inv("i-1", "Success", 0, output)), CommandKind.PuppetAgent, "apim")!;

        var tail = resolved.Instances[0].OutputTail;
        System.Text.Encoding.UTF8.GetByteCount(tail).Should().BeLessThanOrEqualTo(2048);
        tail.Should().EndWith("Notice: line 1999");
    }

    [Theory]
    [InlineData(2, "Failed")]
    [InlineData(2, "Success")]
    [InlineData(1, "Failed")]
    [InlineData(127, "Failed")]
    public void Resolve_DatabaseScriptsNonZeroExit_FailsWhateverPuppetWouldSay(int exitCode, string status)
    {
        // #13 defect 12: run-database-scripts.yaml ends 0 or non-zero (1 from its die, or the
        // failing client's own code); 2 is no "changes applied" there.
        var resolved = CommandOutcomeResolver.Resolve(
            Command(status, Inv("i-0pm", status, exitCode, "FAILED: database scripts, stage connect: cannot connect\n")), CommandKind.DatabaseScripts, AgentRoles.PuppetMaster)!;

        resolved.Succeeded.Should().BeFalse();
        resolved.Outcome.Cause.Should().StartWith($"Instance i-0pm (role puppetmaster) exited {exitCode} (script failed)");
        resolved.Detail[DetailKeys.ExitCode].Should().Be(exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Resolve_DatabaseScriptsExitZero_Succeeds() =>
        CommandOutcomeResolver.Resolve(Command("Success", Inv("i-0pm", "Success", 0, "OK: database scripts applied and schemas verified\n")), CommandKind.DatabaseScripts, AgentRoles.PuppetMaster)!
            .Succeeded.Should().BeTrue();

    [Theory]
    [InlineData("RunDatabaseScripts", CommandKind.DatabaseScripts)]
    [InlineData("RunPuppetAgents:apim", CommandKind.PuppetAgent)]
    [InlineData("RunPuppetAgents:mi", CommandKind.PuppetAgent)]
    public void KindOfPhase_DatabaseScriptsAreNoPuppetRun(string phase, CommandKind kind) =>
        CommandKinds.ForPhase(phase).Should().Be(kind);
}

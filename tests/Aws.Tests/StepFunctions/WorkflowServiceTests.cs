using Wso2Serverless.Aws.StepFunctions;
using Wso2Serverless.Aws.StepFunctions.Model;

namespace Wso2Serverless.Aws.Tests.StepFunctions;

/// <summary>The <see cref="Domain.Ports.IWorkflowService"/> adapter against moto_server.</summary>
public sealed class WorkflowServiceTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private readonly StepFunctionsClient _client = new(TestAws.Http(AwsService.StepFunctions, moto.Endpoint));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private StepFunctionsWorkflowService Workflow => new(_client);

    private async Task<string> NewMachineAsync() => (await _client.CreateStateMachineAsync(new CreateStateMachineRequest
    {
        Name = "wf-" + Guid.NewGuid().ToString("N")[..8],
        Definition = """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}""",
        RoleArn = $"arn:aws:iam::{TestAws.Account}:role/sfn",
    }, Ct)).StateMachineArn;

    [Fact]
    public async Task StartExecution_New_IsNotAlreadyStarted()
    {
        var machine = await NewMachineAsync();

        var result = await Workflow.StartExecutionAsync(machine, "deploy-1", "{}", Ct);

        result.AlreadyStarted.Should().BeFalse();
        result.ExecutionArn.Should().EndWith(":execution:" + machine.Split(':')[^1] + ":deploy-1");
    }

    [Fact]
    public async Task StartExecution_NameTakenWithOtherInput_ReportsTheExistingExecution()
    {
        var machine = await NewMachineAsync();
        var first = await Workflow.StartExecutionAsync(machine, "rebuild-202611281000", """{"tick":1}""", Ct);

        var second = await Workflow.StartExecutionAsync(machine, "rebuild-202611281000", """{"tick":2}""", Ct);

        second.AlreadyStarted.Should().BeTrue();
        second.ExecutionArn.Should().Be(first.ExecutionArn);
        second.StartDate.Should().Be(first.StartDate);
    }

    [Fact]
    public async Task StartExecution_OnMissingMachine_Throws()
    {
        var act = () => Workflow.StartExecutionAsync($"arn:aws:states:us-east-1:{TestAws.Account}:stateMachine:gone", "n", "{}", Ct);

        (await act.Should().ThrowAsync<Wso2Serverless.Aws.Http.AwsServiceException>()).Which.Code.Should().Be("StateMachineDoesNotExist");
    }

    [Fact]
    public async Task DescribeExecution_Missing_IsNull()
    {
        var machine = await NewMachineAsync();

        (await Workflow.DescribeExecutionAsync(ExecutionArns.From(machine, "nope")!, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task StopExecution_ThenDescribe_IsAborted()
    {
        var machine = await NewMachineAsync();
        var started = await Workflow.StartExecutionAsync(machine, "to-stop", "{}", Ct);

        await Workflow.StopExecutionAsync(started.ExecutionArn, "Wso2.Cancelled", "asked", Ct);
        var described = await Workflow.DescribeExecutionAsync(started.ExecutionArn, Ct);

        described!.Status.Should().Be("ABORTED");
        described.Name.Should().Be("to-stop");
        described.StopDate.Should().NotBeNull();
    }

    [Theory]
    [InlineData("arn:aws:states:eu-west-1:1:stateMachine:Deploy", "x", "arn:aws:states:eu-west-1:1:execution:Deploy:x")]
    [InlineData("arn:aws:states:eu-west-1:1:activity:Deploy", "x", null)]
    [InlineData("not-an-arn", "x", null)]
    public void ExecutionArn_FollowsFromMachineAndName(string machine, string name, string? expected)
    {
        ExecutionArns.From(machine, name).Should().Be(expected);
    }
}

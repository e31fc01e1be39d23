using Wso2Serverless.Aws.Http;
using Wso2Serverless.Aws.StepFunctions;
using Wso2Serverless.Aws.StepFunctions.Model;

namespace Wso2Serverless.Aws.Tests.StepFunctions;

/// <summary>
/// The Step Functions client against moto_server. moto is left in its default mode (it does not
/// run the machine), so executions stay RUNNING until stopped.
/// </summary>
public sealed class StepFunctionsClientTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private const string WaitForever = """{"StartAt":"Wait","States":{"Wait":{"Type":"Wait","Seconds":3600,"End":true}}}""";

    private readonly StepFunctionsClient _client = new(TestAws.Http(AwsService.StepFunctions, moto.Endpoint));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> NewMachineAsync()
    {
        var created = await _client.CreateStateMachineAsync(new CreateStateMachineRequest
        {
            Name = "sm-" + Guid.NewGuid().ToString("N")[..8],
            Definition = WaitForever,
            RoleArn = $"arn:aws:iam::{TestAws.Account}:role/sfn",
            Type = "STANDARD",
        }, Ct);
        created.CreationDate.Should().BeAfter(DateTimeOffset.UtcNow.AddHours(-1));
        return created.StateMachineArn;
    }

    [Fact]
    public async Task StartExecution_ThenDescribe_IsRunningWithItsInput()
    {
        var machine = await NewMachineAsync();

        var started = await _client.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = machine, Name = "run-1", Input = """{"environment":"dev"}""" }, Ct);
        var described = await _client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = started.ExecutionArn }, Ct);

        started.ExecutionArn.Should().Be(ExecutionArns.From(machine, "run-1"));
        started.StartDate.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        described.Name.Should().Be("run-1");
        described.StateMachineArn.Should().Be(machine);
        described.Status.Should().Be("RUNNING");
        described.Input.Should().Be("""{"environment":"dev"}""");
        described.StartDate.Should().Be(started.StartDate);
        described.StopDate.Should().BeNull();
    }

    [Fact]
    public async Task StopExecution_ThenDescribe_IsAbortedWithErrorAndCause()
    {
        var machine = await NewMachineAsync();
        var started = await _client.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = machine, Name = "run-2", Input = "{}" }, Ct);

        var stopped = await _client.StopExecutionAsync(new StopExecutionRequest { ExecutionArn = started.ExecutionArn, Error = "Wso2.Cancelled", Cause = "operator asked" }, Ct);
        var described = await _client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = started.ExecutionArn }, Ct);

        stopped.StopDate.Should().BeOnOrAfter(started.StartDate);
        described.Status.Should().Be("ABORTED");
        described.StopDate.Should().Be(stopped.StopDate);
    }

    [Fact]
    public async Task ListExecutions_PagesThroughEveryExecution()
    {
        var machine = await NewMachineAsync();
        foreach (var name in new[] { "a", "b", "c" })
        {
            await _client.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = machine, Name = name, Input = "{}" }, Ct);
        }

        var names = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await _client.ListExecutionsAsync(new ListExecutionsRequest { StateMachineArn = machine, MaxResults = 2, NextToken = next }, Ct);
            names.AddRange(page.Executions.Select(static e => e.Name));
            page.Executions.Should().OnlyContain(e => e.StateMachineArn == machine && e.Status == "RUNNING");
            next = page.NextToken;
            pages++;
        }
        while (next is not null);

        names.Should().BeEquivalentTo("a", "b", "c");
        pages.Should().Be(2);
    }

    [Fact]
    public async Task ListExecutions_WithStatusFilter_ReturnsOnlyThatStatus()
    {
        var machine = await NewMachineAsync();
        var kept = await _client.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = machine, Name = "kept", Input = "{}" }, Ct);
        var stopped = await _client.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = machine, Name = "stopped", Input = "{}" }, Ct);
        await _client.StopExecutionAsync(new StopExecutionRequest { ExecutionArn = stopped.ExecutionArn }, Ct);

        var running = await _client.ListExecutionsAsync(new ListExecutionsRequest { StateMachineArn = machine, StatusFilter = "RUNNING" }, Ct);

        running.Executions.Should().ContainSingle().Which.ExecutionArn.Should().Be(kept.ExecutionArn);
    }

    [Fact]
    public async Task StartExecution_OnMissingStateMachine_IsStateMachineDoesNotExist()
    {
        var act = () => _client.StartExecutionAsync(new StartExecutionRequest
        {
            StateMachineArn = $"arn:aws:states:us-east-1:{TestAws.Account}:stateMachine:missing",
            Name = "x",
            Input = "{}",
        }, Ct);

        var error = (await act.Should().ThrowAsync<AwsServiceException>()).Which;
        error.Code.Should().Be(AwsErrorCodes.StateMachineDoesNotExist);
        error.Service.Should().Be("states");
        error.RequestId.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task StartExecution_SameNameOtherInput_IsExecutionAlreadyExists()
    {
        var machine = await NewMachineAsync();
        await _client.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = machine, Name = "tick", Input = "{}" }, Ct);

        var act = () => _client.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = machine, Name = "tick", Input = """{"other":true}""" }, Ct);

        (await act.Should().ThrowAsync<AwsServiceException>()).Which.Code.Should().Be(AwsErrorCodes.ExecutionAlreadyExists);
    }

    [Fact]
    public async Task DescribeExecution_Missing_IsExecutionDoesNotExist()
    {
        var machine = await NewMachineAsync();

        var act = () => _client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = ExecutionArns.From(machine, "never")! }, Ct);

        (await act.Should().ThrowAsync<AwsServiceException>()).Which.Code.Should().Be(AwsErrorCodes.ExecutionDoesNotExist);
    }

    [Fact]
    public async Task TaskCallbacks_AreAcceptedByMotoForAnyToken()
    {
        // moto does not check tokens; this pins the wire shape it parses. The errors are in TaskCallbackErrorTests.
        await _client.SendTaskSuccessAsync(new SendTaskSuccessRequest { TaskToken = "token", Output = """{"ok":true}""" }, Ct);
        await _client.SendTaskFailureAsync(new SendTaskFailureRequest { TaskToken = "token", Error = "E", Cause = "C" }, Ct);
        await _client.SendTaskHeartbeatAsync(new SendTaskHeartbeatRequest { TaskToken = "token" }, Ct);
    }
}

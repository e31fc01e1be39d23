using Wso2Serverless.Aws.Http;
using Wso2Serverless.Aws.StepFunctions;
using Wso2Serverless.Aws.StepFunctions.Model;
using Wso2Serverless.Aws.Tests.Http;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Aws.Tests.StepFunctions;

/// <summary>
/// moto accepts every task token, so the callback errors are played by a loopback stub answering
/// with the bodies Step Functions documents.
/// </summary>
public sealed class TaskCallbackErrorTests
{
    public static TheoryData<string> GoneCodes => new(AwsErrorCodes.InvalidToken, AwsErrorCodes.TaskDoesNotExist, AwsErrorCodes.TaskTimedOut);

    private static string Body(string code) => $$"""{"__type":"com.amazonaws.swf.service.v2.model#{{code}}","message":"Task is over"}""";

    [Theory]
    [MemberData(nameof(GoneCodes))]
    public async Task SendTaskSuccess_WhenTaskIsOver_ThrowsTheTypedError(string code)
    {
        await using var stub = new StubServer().Then(400, Body(code));
        var client = new StepFunctionsClient(TestAws.Http(AwsService.StepFunctions, stub.Endpoint));

        var act = () => client.SendTaskSuccessAsync(new SendTaskSuccessRequest { TaskToken = "tok", Output = "{}" }, TestContext.Current.CancellationToken);

        var error = (await act.Should().ThrowAsync<AwsServiceException>()).Which;
        error.Code.Should().Be(code);
        error.RequestId.Should().Be("stub-request-id");
        error.IsTaskGone.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(GoneCodes))]
    public async Task Adapter_WhenTaskIsOver_ReportsTaskGoneForEveryCallback(string code)
    {
        await using var stub = new StubServer { Fallback = new StubResponse(400, Body(code)) };
        var workflow = new StepFunctionsWorkflowService(new StepFunctionsClient(TestAws.Http(AwsService.StepFunctions, stub.Endpoint)));
        var ct = TestContext.Current.CancellationToken;

        (await workflow.SendTaskSuccessAsync("tok", "{}", ct)).Should().Be(CallbackResult.TaskGone);
        (await workflow.SendTaskFailureAsync("tok", "Wso2.StackFailed", "why", ct)).Should().Be(CallbackResult.TaskGone);
        (await workflow.SendTaskHeartbeatAsync("tok", ct)).Should().Be(CallbackResult.TaskGone);
    }

    [Fact]
    public async Task Adapter_WhenDelivered_SendsTheDocumentedWireShape()
    {
        await using var stub = new StubServer();
        var workflow = new StepFunctionsWorkflowService(new StepFunctionsClient(TestAws.Http(AwsService.StepFunctions, stub.Endpoint)));
        var ct = TestContext.Current.CancellationToken;

        (await workflow.SendTaskFailureAsync("tok", "Wso2.CommandFailed", "exit 1", ct)).Should().Be(CallbackResult.Delivered);

        var request = stub.Received.Single();
        request.Headers["x-amz-target"].Should().Be("AWSStepFunctions.SendTaskFailure");
        request.Headers["content-type"].Should().Be("application/x-amz-json-1.0");
        request.Headers["authorization"].Should().Contain("/us-east-1/states/aws4_request");
        request.Body.Should().Be("""{"taskToken":"tok","error":"Wso2.CommandFailed","cause":"exit 1"}""");
    }

    [Fact]
    public async Task Adapter_WhenOtherClientError_Throws()
    {
        await using var stub = new StubServer().Then(400, """{"__type":"InvalidOutput","message":"not JSON"}""");
        var workflow = new StepFunctionsWorkflowService(new StepFunctionsClient(TestAws.Http(AwsService.StepFunctions, stub.Endpoint)));

        var act = () => workflow.SendTaskSuccessAsync("tok", "not json", TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<AwsServiceException>()).Which.Code.Should().Be("InvalidOutput");
    }

    [Fact]
    public async Task Adapter_WhenThrottledThenDelivered_Delivers()
    {
        await using var stub = new StubServer()
            .Then(400, """{"__type":"ThrottlingException","message":"Rate exceeded"}""")
            .Then(200, "{}");
        var delays = new List<TimeSpan>();
        var workflow = new StepFunctionsWorkflowService(new StepFunctionsClient(TestAws.Http(AwsService.StepFunctions, stub.Endpoint, TestAws.NoSleepRetry(delays))));

        (await workflow.SendTaskHeartbeatAsync("tok", TestContext.Current.CancellationToken)).Should().Be(CallbackResult.Delivered);

        stub.Received.Should().HaveCount(2);
        delays.Should().ContainSingle();
    }
}

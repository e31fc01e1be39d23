using System.Net;
using System.Text;
using Wso2Serverless.Aws.Http;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Workflow;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Functions.Tasks;
using Wso2Serverless.Functions.Tests.Api;
using Wso2Serverless.Functions.Tests.Fakes;
using Wso2Serverless.Runtime;

namespace Wso2Serverless.Functions.Tests.Tasks;

/// <summary>The name a task's failure reaches Step Functions with decides whether it is retried (<see cref="ErrorTaxonomy"/>).</summary>
public sealed class TaskErrorNamesTests
{
    public static TheoryData<string, bool> Failures => new()
    {
        { "throttled", true },
        { "server-error", true },
        { "network", true },
        { "dynamodb-throughput", true },
        { "dynamodb-transaction-conflict", true },
        { "access-denied", false },
        { "validation", false },
        { "dynamodb-validation", false },
        { "defect", false },
        { "preflight", false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void NameOf_PutsEachFailureOnTheRightSideOfTheTaxonomy(string failure, bool retried)
    {
        var name = TaskErrors.NameOf(Make(failure));

        ErrorTaxonomy.IsRetried(name).Should().Be(retried, $"{failure} is named {name}");
    }

    [Fact]
    public void NameOf_AnAwsRefusal_IsRequestRejected_AndAThrottle_IsTransient()
    {
        TaskErrors.NameOf(Make("access-denied")).Should().Be(WorkflowErrors.RequestRejected);
        TaskErrors.NameOf(Make("throttled")).Should().Be(WorkflowErrors.Transient);
        TaskErrors.NameOf(Make("preflight")).Should().Be(WorkflowErrors.PreflightFailed);
        TaskErrors.NameOf(Make("defect")).Should().Be(nameof(KeyNotFoundException), "a defect keeps its own name for diagnosis and is not retried");
    }

    [Fact]
    public async Task HostedTask_ReportsAThrottledCallAsTransient_AndADeniedOneAsRejected()
    {
        var world = new FakeWorld();
        world.Stacks.Faults.Fail("DescribeStack", () => FakeAwsException.Throttling("DescribeStacks"));

        var throttled = await InvokeRemoveOldAsync(world);
        world.Stacks.Faults.Fail("DescribeStack", () => FakeAwsException.AccessDenied("cloudformation:DescribeStacks"));
        var denied = await InvokeRemoveOldAsync(world);

        ErrorTypes.Of(throttled).Should().Be(WorkflowErrors.Transient);
        ErrorTypes.Of(denied).Should().Be(WorkflowErrors.RequestRejected);
    }

    [Fact]
    public async Task ACommandClaimedByAnotherInvocation_FailsTheTaskWithARetriedError()
    {
        var world = new FakeWorld();
        var d = Workflow.Scenario.Request;
        using var doc = System.Text.Json.JsonDocument.Parse(d);
        var deployment = Domain.Validation.DeploymentRequestValidator.Validate(doc.RootElement, Workflow.Scenario.DeploymentId, world.Clock.UtcNow).Deployment!;
        await world.Locks.AcquireAsync(deployment.Environment, deployment.DeploymentId, world.Clock.UtcNow, world.Settings.LockLease, default);
        await world.Deployments.ClaimCommandAsync(deployment.DeploymentId, Domain.Model.PhaseNames.RunDatabaseScripts, CommandWait.Attempt, world.Clock.UtcNow, default);

        var act = () => new RunDatabaseScriptsFunction(world.Services).HandleAsync(new WaitTaskRequest { Deployment = deployment, TaskToken = "t" }, default);

        var thrown = (await act.Should().ThrowAsync<Exception>()).Which;
        ErrorTaxonomy.IsRetried(TaskErrors.NameOf(thrown)).Should().BeTrue($"the in-flight claim is named {TaskErrors.NameOf(thrown)} and must be retried until the other sender recorded its command");
    }

    private static async Task<Exception> InvokeRemoveOldAsync(FakeWorld world)
    {
        var handler = FunctionCatalog.Find(HandlerNames.RemoveOldStack)!.Create(world.Services);
        var payload = $$"""
            {"deployment": {"deploymentId": "d-1", "environment": "dev", "stackName": "wso2-dev", "parameters": {}, "secrets": {}, "agents": [],
              "timeouts": {}, "requestedAt": "2026-11-28T09:00:00Z"}, "taskToken": "t-{{Guid.NewGuid():N}}"}
            """;
        await world.Locks.AcquireAsync("dev", "d-1", world.Clock.UtcNow, world.Settings.LockLease, default);
        var act = () => handler.HandleAsync(Encoding.UTF8.GetBytes(payload), new TestInvocation().Context(world.Clock.UtcNow));
        return (await act.Should().ThrowAsync<Exception>()).Which;
    }

    private static Exception Make(string failure) => failure switch
    {
        "throttled" => FakeAwsException.Throttling("CreateStack"),
        "server-error" => FakeAwsException.ServerError("CreateStack"),
        "network" => new HttpRequestException("Connection reset by peer"),
        "dynamodb-throughput" => DynamoDbError("ProvisionedThroughputExceededException", "Rate of requests exceeds the allowed throughput"),
        "dynamodb-transaction-conflict" => DynamoDbError("TransactionConflictException", "Transaction is ongoing for the item"),
        "access-denied" => FakeAwsException.AccessDenied("cloudformation:CreateStack"),
        "validation" => new AwsServiceException("cloudformation", "ValidationError", "Template format error", null, HttpStatusCode.BadRequest),
        "dynamodb-validation" => DynamoDbError("ValidationException", "One or more parameter values were invalid"),
        "defect" => new KeyNotFoundException("no phase"),
        "preflight" => new FunctionException(WorkflowErrors.PreflightFailed, "KeyPairName: required"),
        _ => throw new ArgumentOutOfRangeException(nameof(failure)),
    };

    /// <summary>A DynamoDB error as our client reads it off the wire: HTTP 400 with a JSON 1.0 body.</summary>
    private static AwsServiceException DynamoDbError(string code, string message) =>
        AwsErrorParser.Parse("dynamodb", HttpStatusCode.BadRequest, $$"""{"__type":"com.amazonaws.dynamodb.v20120810#{{code}}","message":"{{message}}"}""", null);
}

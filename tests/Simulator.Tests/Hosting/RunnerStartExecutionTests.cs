using System.Collections.Concurrent;
using System.Text.Json;
using Wso2Serverless.Aws;
using Wso2Serverless.Aws.Http;
using Wso2Serverless.Aws.Signing;
using Wso2Serverless.Aws.StepFunctions;
using Wso2Serverless.Simulator.Hosting;
using Wso2Serverless.StandIns.Scheduling;

namespace Wso2Serverless.Simulator.Tests.Hosting;

/// <summary>
/// StartExecution on the ASL runner's Step Functions API (what the API function calls in
/// <c>simulate --serve</c>), through the real Step Functions client and workflow service: Step
/// Functions' answers to a new name, the same request again, another input under a used name and
/// an unknown machine.
/// </summary>
public sealed class RunnerStartExecutionTests
{
    private const string Machine = "arn:aws:states:us-east-1:123456789012:stateMachine:start-test";

    [Fact]
    public async Task StartExecution_ThroughTheCallbackApi_RunsTheMachine_WithStepFunctionsIdempotency()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}""");
        try
        {
            var scheduler = new Scheduler(new SchedulerOptions { Seed = 1 });
            var handshake = new RunnerHandshake(scheduler);
            scheduler.AddSource(handshake, QuiescenceScope.EveryChoice);
            await using var lambda = new LambdaEndpoint(scheduler, handshake);
            await using var runner = await AslRunner.StartAsync(
                new RunnerStart(RepoPaths.Locate(), new Dictionary<string, string> { [Machine] = file }, new Dictionary<string, string>(), lambda.Endpoint, scheduler, handshake),
                CancellationToken.None);
            var lines = new ConcurrentQueue<JsonElement>();
            runner.LineReceived += lines.Enqueue;
            var endpoints = new AwsEndpoints(name => name switch
            {
                "AWS_ENDPOINT_URL_SFN" => runner.CallbackEndpoint.ToString(),
                "AWS_REGION" => "us-east-1",
                _ => null,
            });
            var workflow = new StepFunctionsWorkflowService(new StepFunctionsClient(
                AwsHttp.CreateClient(AwsService.StepFunctions, endpoints, new StaticCredentialSource("testing", "testing"), transport: runner.CallbackTransport())));

            var first = await workflow.StartExecutionAsync(Machine, "run-1", """{"a":1}""", CancellationToken.None);
            var again = await workflow.StartExecutionAsync(Machine, "run-1", """{"a":1}""", CancellationToken.None);
            var otherInput = await workflow.StartExecutionAsync(Machine, "run-1", """{"a":2}""", CancellationToken.None);
            var unknown = () => workflow.StartExecutionAsync(Machine + "-gone", "run-2", "{}", CancellationToken.None);

            first.ExecutionArn.Should().Be("arn:aws:states:us-east-1:123456789012:execution:start-test:run-1");
            first.StartDate.Should().Be(SchedulerOptions.DefaultOrigin);
            again.Should().Be(first, "the same name and input while it runs is the same execution, answered as before");
            otherInput.AlreadyStarted.Should().BeTrue("another input under a running name is ExecutionAlreadyExists, resolved to the execution holding it");
            otherInput.ExecutionArn.Should().Be(first.ExecutionArn);
            (await unknown.Should().ThrowAsync<AwsServiceException>()).Which.Code.Should().Be("StateMachineDoesNotExist");

            await scheduler.RunAsync(() => lines.Any(l => Type(l) == "execution-ended"), CancellationToken.None);

            lines.Count(l => Type(l) == "execution-started").Should().Be(1);
            lines.Single(l => Type(l) == "execution-started").GetProperty("input").GetString().Should().Be("""{"a":1}""");
            var ended = lines.Single(l => Type(l) == "execution-ended");
            ended.GetProperty("status").GetString().Should().Be("SUCCEEDED");
            (ended.GetProperty("stopDate").GetInt64() - ended.GetProperty("startDate").GetInt64()).Should().Be(60_000);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string? Type(JsonElement line) => line.GetProperty("type").GetString();
}

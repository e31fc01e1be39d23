using System.Collections.Concurrent;
using System.Text.Json;
using Wso2Serverless.Simulator.Hosting;
using Wso2Serverless.StandIns.Scheduling;

namespace Wso2Serverless.Simulator.Tests.Hosting;

/// <summary>
/// The runner loads the engine without the packages it never uses (tools/asl-runner/engine.cjs):
/// the engine gets stand-ins for the AWS SDK's Lambda client, its credential providers and
/// asl-validator, none of them is loaded, and Tasks still run through the runner's own handlers.
/// </summary>
[Collection(Name)]
public sealed class RunnerEngineModulesTests
{
    /// <summary>Alone: the report variable is set in this process while the runner starts, which other runners would inherit.</summary>
    public const string Name = "runner reporting its modules";
    private const string ReportVariable = "ASL_RUNNER_REPORT_MODULES";
    private const string ReportPrefix = "asl-runner modules: ";
    private const string Machine = "arn:aws:states:us-east-1:123456789012:stateMachine:modules-test";

    [Fact]
    public async Task Engine_GetsStandInsForTheSdkAndValidator_AndRunsTasksThroughTheRunnersHandlers()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, """
            {"StartAt":"Invoke","States":{
              "Invoke":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:not-ours",
                "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Publish"}],"End":true},
              "Publish":{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
                "Parameters":{"TopicArn":"arn:aws:sns:us-east-1:123456789012:t","Message":"m"},"End":true}}}
            """);
        try
        {
            var scheduler = new Scheduler(new SchedulerOptions { Seed = 1 });
            var handshake = new RunnerHandshake(scheduler);
            scheduler.AddSource(handshake, QuiescenceScope.EveryChoice);
            await using var lambda = new LambdaEndpoint(scheduler, handshake);
            AslRunner started;
            Environment.SetEnvironmentVariable(ReportVariable, "1");
            try
            {
                started = await AslRunner.StartAsync(
                    new RunnerStart(RepoPaths.Locate(), new Dictionary<string, string> { [Machine] = file }, new Dictionary<string, string>(), lambda.Endpoint, scheduler, handshake),
                    CancellationToken.None);
            }
            finally
            {
                Environment.SetEnvironmentVariable(ReportVariable, null);
            }

            await using var runner = started;
            var lines = new ConcurrentQueue<JsonElement>();
            runner.LineReceived += lines.Enqueue;
            runner.StartExecution("modules", "{}");

            await scheduler.RunAsync(() => lines.Any(l => Type(l) == "execution-ended"), CancellationToken.None);

            // Written before the ready line; stderr is read on its own, so it may come a moment later.
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (!runner.Stderr.Any(l => l.StartsWith(ReportPrefix, StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            var report = runner.Stderr.FirstOrDefault(l => l.StartsWith(ReportPrefix, StringComparison.Ordinal));
            report.Should().NotBeNull("the runner reports its modules under " + ReportVariable + "; stderr: " + string.Join('\n', runner.Stderr));
            using var modules = JsonDocument.Parse(report![ReportPrefix.Length..]);
            var standIns = modules.RootElement.GetProperty("standIns").EnumerateArray().Select(e => e.GetString()).ToList();
            var packages = modules.RootElement.GetProperty("packages").EnumerateArray().Select(e => e.GetString()!).ToList();
            standIns.Should().BeEquivalentTo(["@aws-sdk/client-lambda", "@aws-sdk/credential-providers", "asl-validator"]);
            packages.Should().Contain("aws-local-stepfunctions", "the engine's CommonJS build is what the runner loads");
            packages.Should().NotContain(p => p.StartsWith("@aws-sdk/", StringComparison.Ordinal) || p.StartsWith("@smithy/", StringComparison.Ordinal) || p == "asl-validator");

            lines.Where(l => Type(l) == "task-started").Select(l => l.GetProperty("state").GetString()).Should().Equal("Invoke", "Publish");
            var failed = lines.Single(l => Type(l) == "state-failed");
            failed.GetProperty("error").GetString().Should().Be("Lambda.ResourceNotFoundException", "the simulator's Lambda endpoint answered, not the engine's Lambda client");
            lines.Should().ContainSingle(l => Type(l) == "notification");
            lines.Single(l => Type(l) == "execution-ended").GetProperty("status").GetString().Should().Be("SUCCEEDED");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string? Type(JsonElement line) => line.GetProperty("type").GetString();
}

/// <summary>Runs <see cref="RunnerEngineModulesTests"/> alone, after the parallel tests.</summary>
[CollectionDefinition(RunnerEngineModulesTests.Name, DisableParallelization = true)]
public sealed class RunnerEngineModulesGroup;

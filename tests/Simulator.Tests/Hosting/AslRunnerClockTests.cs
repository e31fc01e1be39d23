using System.Collections.Concurrent;
using System.Text.Json;
using Wso2Serverless.Simulator.Hosting;
using Wso2Serverless.StandIns.Scheduling;

namespace Wso2Serverless.Simulator.Tests.Hosting;

/// <summary>The ASL runner's timers on the virtual clock: Wait states, task timeouts and heartbeats, retry intervals with jitter, the execution timeout.</summary>
public sealed class AslRunnerClockTests
{
    private const string Unknown = "arn:aws:lambda:us-east-1:123456789012:function:not-ours";

    [Fact]
    public async Task Wait_OfAnHour_EndsTheExecutionAnHourLater()
    {
        var run = await RunAsync("""{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}""");

        run.Status.Should().Be("SUCCEEDED");
        run.Elapsed.Should().Be(TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task ExecutionTimeout_EndsTheExecutionInTheMiddleOfAWait()
    {
        var run = await RunAsync("""{"TimeoutSeconds":60,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}""");

        run.Status.Should().Be("TIMED_OUT");
        run.Elapsed.Should().Be(TimeSpan.FromMinutes(1));
    }

    [Theory]
    [InlineData(""" "HeartbeatSeconds":30,"TimeoutSeconds":100 """, "States.HeartbeatTimeout", 30)]
    [InlineData(""" "TimeoutSeconds":100 """, "States.Timeout", 100)]
    public async Task CallbackTask_WithoutACallback_TimesOutOnTheClock(string limits, string error, int seconds)
    {
        var run = await RunAsync("""
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sns:publish.waitForTaskToken",
              "Parameters":{"TopicArn":"arn:aws:sns:us-east-1:123456789012:t","Message.$":"$$.Task.Token"},LIMITS,"End":true}}}
            """.Replace("LIMITS", limits, StringComparison.Ordinal));

        run.Status.Should().Be("FAILED");
        run.Error.Should().Be(error);
        run.Elapsed.Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Fact]
    public async Task Retry_WithFullJitter_WaitsWithinItsBackoff_TheSameForOneSeed()
    {
        var definition = """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"UNKNOWN",
              "Retry":[{"ErrorEquals":["Lambda.ResourceNotFoundException"],"IntervalSeconds":10,"MaxAttempts":3,"BackoffRate":2,"JitterStrategy":"FULL"}],"End":true}}}
            """.Replace("UNKNOWN", Unknown, StringComparison.Ordinal);
        var first = await RunAsync(definition, seed: 11);
        var again = await RunAsync(definition, seed: 11);
        var others = new List<IReadOnlyList<TimeSpan>>();
        foreach (var seed in new[] { 12, 13, 14 })
        {
            others.Add((await RunAsync(definition, seed)).RetryWaits);
        }

        first.Status.Should().Be("FAILED");
        first.RetryWaits.Should().HaveCount(3);
        first.RetryWaits.Zip([10, 20, 40]).Should().OnlyContain(w => w.First <= TimeSpan.FromSeconds(w.Second));
        again.RetryWaits.Should().Equal(first.RetryWaits);
        others.Should().Contain(waits => !waits.SequenceEqual(first.RetryWaits));
    }

    private static async Task<RunResult> RunAsync(string definition, int seed = 1)
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, definition);
        try
        {
            var scheduler = new Scheduler(new SchedulerOptions { Seed = seed });
            var handshake = new RunnerHandshake(scheduler);
            scheduler.AddSource(handshake, QuiescenceScope.EveryChoice);
            await using var lambda = new LambdaEndpoint(scheduler, handshake);
            var arn = "arn:aws:states:us-east-1:123456789012:stateMachine:clock-test";
            await using var runner = await AslRunner.StartAsync(
                new RunnerStart(RepoPaths.Locate(), new Dictionary<string, string> { [arn] = file }, new Dictionary<string, string>(), lambda.Endpoint, scheduler, handshake),
                CancellationToken.None);
            var lines = new ConcurrentQueue<JsonElement>();
            runner.LineReceived += lines.Enqueue;
            runner.StartExecution("clock", "{}");

            await scheduler.RunAsync(() => lines.Any(l => l.GetProperty("type").GetString() == "execution-ended"), CancellationToken.None);

            var ended = lines.Single(l => l.GetProperty("type").GetString() == "execution-ended");
            var failures = lines.Where(l => l.GetProperty("type").GetString() == "state-failed").Select(At).ToList();
            var retries = lines.Where(l => l.GetProperty("type").GetString() == "state-retried").Select(At).ToList();
            return new RunResult(
                ended.GetProperty("status").GetString()!,
                ended.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null,
                TimeSpan.FromMilliseconds(ended.GetProperty("stopDate").GetInt64() - ended.GetProperty("startDate").GetInt64()),
                [.. retries.Select((retried, i) => retried - failures[i])]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static DateTimeOffset At(JsonElement line) => DateTimeOffset.FromUnixTimeMilliseconds(line.GetProperty("at").GetInt64());

    private sealed record RunResult(string Status, string? Error, TimeSpan Elapsed, IReadOnlyList<TimeSpan> RetryWaits);
}

using System.Net;
using Wso2Serverless.Aws.Http;
using Wso2Serverless.Aws.StepFunctions;
using Wso2Serverless.Aws.StepFunctions.Model;

namespace Wso2Serverless.Aws.Tests.Http;

/// <summary>The retry policy over a real loopback server, with the waits recorded instead of slept.</summary>
public sealed class RetryHandlerTests
{
    private const string Throttled = """{"__type":"com.amazonaws.swf.base#ThrottlingException","message":"Rate exceeded"}""";

    [Fact]
    public async Task Send_WhenThrottledThenOk_RetriesAndSucceeds()
    {
        await using var stub = new StubServer()
            .Then(400, Throttled)
            .Then(429, """{"__type":"TooManyRequestsException","message":"slow"}""")
            .Then(200, "{}");
        var delays = new List<TimeSpan>();
        var client = new StepFunctionsClient(TestAws.Http(AwsService.StepFunctions, stub.Endpoint, TestAws.NoSleepRetry(delays)));

        await client.SendTaskHeartbeatAsync(new SendTaskHeartbeatRequest { TaskToken = "t" }, TestContext.Current.CancellationToken);

        stub.Received.Should().HaveCount(3);
        delays.Should().Equal(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400));
    }

    [Fact]
    public async Task Send_WhenAlways5xx_GivesUpAfterMaxAttemptsWithTheLastError()
    {
        await using var stub = new StubServer { Fallback = new StubResponse(503, """{"__type":"ServiceUnavailable","message":"down"}""") };
        var delays = new List<TimeSpan>();
        var client = new StepFunctionsClient(TestAws.Http(AwsService.StepFunctions, stub.Endpoint, TestAws.NoSleepRetry(delays)));

        var act = () => client.SendTaskHeartbeatAsync(new SendTaskHeartbeatRequest { TaskToken = "t" }, TestContext.Current.CancellationToken);

        var error = (await act.Should().ThrowAsync<AwsServiceException>()).Which;
        error.Code.Should().Be("ServiceUnavailable");
        error.HttpStatus.Should().Be(HttpStatusCode.ServiceUnavailable);
        stub.Received.Should().HaveCount(5);
        delays.Should().HaveCount(4);
    }

    [Fact]
    public async Task Send_WhenClientError_DoesNotRetry()
    {
        await using var stub = new StubServer().Then(400, """{"__type":"InvalidArn","message":"bad arn"}""");
        var delays = new List<TimeSpan>();
        var client = new StepFunctionsClient(TestAws.Http(AwsService.StepFunctions, stub.Endpoint, TestAws.NoSleepRetry(delays)));

        var act = () => client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = "x" }, TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<AwsServiceException>()).Which.Code.Should().Be("InvalidArn");
        stub.Received.Should().ContainSingle();
        delays.Should().BeEmpty();
    }

    [Fact]
    public async Task Send_OnRetry_SignsEachAttemptAfresh()
    {
        await using var stub = new StubServer().Then(500, "{}").Then(200, "{}");
        var clock = new FakeClock(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var options = TestAws.NoSleepRetry() with
        {
            Delay = (delay, _) =>
            {
                clock.Advance(TimeSpan.FromSeconds(7));
                return Task.CompletedTask;
            },
        };
        var client = new StepFunctionsClient(TestAws.Http(AwsService.StepFunctions, stub.Endpoint, options, clock));

        await client.SendTaskHeartbeatAsync(new SendTaskHeartbeatRequest { TaskToken = "t" }, TestContext.Current.CancellationToken);

        stub.Received.Select(static r => r.Headers["x-amz-date"]).Should().Equal("20260102T030405Z", "20260102T030412Z");
        stub.Received.Select(static r => r.Headers["authorization"]).Distinct().Should().HaveCount(2);
        stub.Received.Select(static r => r.Body).Distinct().Should().ContainSingle();
    }

    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(3, 400)]
    [InlineData(20, 1000)]
    public void DelayFor_GrowsExponentiallyUpToTheCap(int attempt, int expectedMs)
    {
        var options = new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1), Jitter = static () => 1.0 };

        options.DelayFor(attempt).Should().Be(TimeSpan.FromMilliseconds(expectedMs));
    }

    [Fact]
    public void DelayFor_IsFullJitter()
    {
        var options = new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(100), Jitter = static () => 0.25 };

        options.DelayFor(3).Should().Be(TimeSpan.FromMilliseconds(100));
    }
}

using System.Net;
using System.Text.Json;
using Wso2Serverless.Runtime.Tests.Support;

namespace Wso2Serverless.Runtime.Tests;

public sealed class InvocationLoopTests
{
    [Fact]
    public async Task Run_WhenHandlerSucceeds_PostsItsResponse()
    {
        await using var host = HostHarness.Create();
        _ = host.Run(DelegateHandler.Sync((payload, _) => $$"""{"echo":{{payload}}}"""));

        host.Api.Enqueue("req-1", """{"n":1}""");
        var post = await host.Api.NextPostAsync();

        post.Method.Should().Be("POST");
        post.Path.Should().Be("/2018-06-01/runtime/invocation/req-1/response");
        post.Body.Should().Be("""{"echo":{"n":1}}""");
        post.ContentType.Should().Be("application/json");
        (await host.StopAsync()).Should().Be(LambdaHost.ExitStopped);
    }

    [Fact]
    public async Task Run_LogsColdStartOnTheFirstEventOnly_AndEachEventsTraceRoot()
    {
        await using var host = HostHarness.Create();
        _ = host.Run(DelegateHandler.Sync((_, context) =>
        {
            context.Log.Info("handled");
            return "{}";
        }));

        host.Api.Enqueue("req-1", "{}", traceId: "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
        host.Api.Enqueue("req-2", "{}", traceId: "Root=1-67891233-abcdef012345678912345678;Sampled=0");
        await host.Api.NextPostAsync();
        await host.Api.NextPostAsync();
        await host.StopAsync();

        var lines = host.OutputLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        lines.Select(l => (l.GetProperty("function_request_id").GetString(), l.GetProperty("cold_start").GetBoolean(), l.GetProperty("xray_trace_id").GetString()))
            .Should().Equal(("req-1", true, "1-5759e988-bd862e3fe1be46a994272793"), ("req-2", false, "1-67891233-abcdef012345678912345678"));
    }

    [Fact]
    public async Task Run_WhenHandlerThrows_PostsErrorAndServesTheNextEvent()
    {
        await using var host = HostHarness.Create();
        _ = host.Run(DelegateHandler.Sync((payload, _) =>
            payload.Contains("boom", StringComparison.Ordinal) ? throw new InvalidOperationException("the stack is in ROLLBACK_COMPLETE") : "\"ok\""));

        host.Api.Enqueue("req-1", """{"boom":true}""");
        host.Api.Enqueue("req-2", """{"fine":true}""");
        var error = await host.Api.NextPostAsync();
        var response = await host.Api.NextPostAsync();

        error.Path.Should().Be("/2018-06-01/runtime/invocation/req-1/error");
        error.ErrorTypeHeader.Should().Be("InvalidOperationException");
        var body = JsonSerializer.Deserialize(error.Body, RuntimeJsonContext.Default.RuntimeError)!;
        body.ErrorType.Should().Be("InvalidOperationException");
        body.ErrorMessage.Should().Be("the stack is in ROLLBACK_COMPLETE");
        body.StackTrace.Should().NotBeNullOrEmpty();
        response.Path.Should().Be("/2018-06-01/runtime/invocation/req-2/response");
        response.Body.Should().Be("\"ok\"");
    }

    [Fact]
    public async Task Run_WhenHandlerThrowsFunctionException_ReportsItsErrorType()
    {
        await using var host = HostHarness.Create();
        _ = host.Run(DelegateHandler.Sync((_, _) => throw new FunctionException("Wso2.EnvironmentBusy", "dev is locked by deployment d-42")));

        host.Api.Enqueue("req-1", "{}");
        var error = await host.Api.NextPostAsync();

        error.ErrorTypeHeader.Should().Be("Wso2.EnvironmentBusy");
        error.Body.Should().Contain("\"errorType\":\"Wso2.EnvironmentBusy\"").And.Contain("dev is locked by deployment d-42");
    }

    [Fact]
    public async Task Run_WhenExceptionCarriesErrorTypeInData_ReportsThatType()
    {
        await using var host = HostHarness.Create();
        _ = host.Run(DelegateHandler.Sync((_, _) =>
        {
            var exception = new InvalidOperationException("stack failed");
            exception.Data[ErrorTypes.DataKey] = "Wso2.StackFailed";
            throw exception;
        }));

        host.Api.Enqueue("req-1", "{}");
        var error = await host.Api.NextPostAsync();

        error.ErrorTypeHeader.Should().Be("Wso2.StackFailed");
    }

    [Fact]
    public async Task Run_GivesTheHandlerTheInvocationsContext()
    {
        await using var host = HostHarness.Create();
        LambdaContext? seen = null;
        _ = host.Run(DelegateHandler.Sync((_, context) =>
        {
            seen = context;
            return JsonSerializer.Serialize(context.RemainingTime.TotalSeconds);
        }));

        var deadline = HostHarness.Start.AddSeconds(30);
        host.Api.Enqueue("req-ctx", "{}", deadline, "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1",
            "arn:aws:lambda:eu-west-1:123456789012:function:accept:live");
        var post = await host.Api.NextPostAsync();

        post.Body.Should().Be("30");
        seen!.RequestId.Should().Be("req-ctx");
        seen.FunctionName.Should().Be("wso2-test-function");
        seen.Deadline.Should().Be(deadline);
        seen.InvokedFunctionArn.Should().Be("arn:aws:lambda:eu-west-1:123456789012:function:accept:live");
        seen.TraceId.Should().Be("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
        host.Time.Advance(TimeSpan.FromSeconds(12));
        seen.RemainingTime.Should().Be(TimeSpan.FromSeconds(18));
        host.EnvironmentWrites.Should().ContainSingle()
            .Which.Should().Be((LambdaBootstrap.TraceIdVariable, "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"));
    }

    [Fact]
    public async Task Run_WhenAnEventHasNoTraceId_ClearsTheTraceVariable()
    {
        await using var host = HostHarness.Create();
        _ = host.Run(DelegateHandler.Sync((_, _) => "{}"));

        host.Api.Enqueue("req-1", "{}", traceId: "Root=1-aaaaaaaa-000000000000000000000001");
        host.Api.Enqueue("req-2", "{}");
        await host.Api.NextPostAsync();
        await host.Api.NextPostAsync();

        host.EnvironmentWrites.Should().Equal(
            (LambdaBootstrap.TraceIdVariable, "Root=1-aaaaaaaa-000000000000000000000001"),
            (LambdaBootstrap.TraceIdVariable, (string?)null));
    }

    [Fact]
    public async Task Run_CancellationToken_FiresTheMarginBeforeTheDeadline()
    {
        await using var host = HostHarness.Create();
        host.CancellationMargin = TimeSpan.FromSeconds(2);
        var started = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = host.Run(new DelegateHandler(async (_, context) =>
        {
            started.SetResult(context.CancellationToken);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, context.CancellationToken);
                return "\"not cancelled\"";
            }
            catch (OperationCanceledException)
            {
                return JsonSerializer.Serialize(context.RemainingTime.TotalSeconds);
            }
        }));

        host.Api.Enqueue("req-slow", "{}", HostHarness.Start.AddSeconds(10));
        var token = await started.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        host.Time.Advance(TimeSpan.FromMilliseconds(7999));
        token.IsCancellationRequested.Should().BeFalse("8 s of 10 have not passed yet");
        host.Time.Advance(TimeSpan.FromMilliseconds(1));
        token.IsCancellationRequested.Should().BeTrue("the margin is 2 s before the 10 s deadline");
        var post = await host.Api.NextPostAsync();
        post.Path.Should().EndWith("/req-slow/response");
        post.Body.Should().Be("2", "the handler still had the margin left to report");
    }

    [Fact]
    public async Task Run_WhenTheDeadlineIsAlreadyWithinTheMargin_StartsCancelled()
    {
        await using var host = HostHarness.Create();
        _ = host.Run(DelegateHandler.Sync((_, context) => context.CancellationToken.IsCancellationRequested ? "true" : "false"));

        host.Api.Enqueue("req-late", "{}", HostHarness.Start.AddMilliseconds(300));

        (await host.Api.NextPostAsync()).Body.Should().Be("true");
    }

    [Fact]
    public async Task Run_WhenTheDeadlineIsYearsAway_ServesTheEventWithLambdasOwnCeiling()
    {
        // A timer cannot be set 100 years ahead; the runtime crashed on such a header (#15 bench).
        await using var host = HostHarness.Create();
        _ = host.Run(DelegateHandler.Sync((_, context) => context.CancellationToken.IsCancellationRequested ? "true" : "false"));

        host.Api.Enqueue("req-far", "{}", HostHarness.Start.AddYears(100));
        var post = await host.Api.NextPostAsync();

        post.Path.Should().EndWith("/req-far/response");
        post.Body.Should().Be("false");
    }

    [Fact]
    public async Task Run_WhenTheRuntimeApiRefusesTheResponse_ReportsResponseRejectedAndCarriesOn()
    {
        await using var host = HostHarness.Create();
        host.Api.ResponseStatus = HttpStatusCode.RequestEntityTooLarge;
        _ = host.Run(DelegateHandler.Sync((_, _) => "\"big\""));

        host.Api.Enqueue("req-1", "{}");
        var refused = await host.Api.NextPostAsync();
        var error = await host.Api.NextPostAsync();
        host.Api.ResponseStatus = HttpStatusCode.Accepted;
        host.Api.Enqueue("req-2", "{}");
        var next = await host.Api.NextPostAsync();

        refused.Path.Should().EndWith("/req-1/response");
        error.Path.Should().EndWith("/req-1/error");
        error.ErrorTypeHeader.Should().Be(ErrorTypes.ResponseRejected);
        error.Body.Should().Contain("413");
        next.Path.Should().EndWith("/req-2/response");
    }

    [Fact]
    public async Task Run_WhenNextFails_ExitsWithRuntimeApiFailure()
    {
        await using var host = HostHarness.Create();
        host.Api.NextStatus = HttpStatusCode.InternalServerError;

        var exit = await host.Run(DelegateHandler.Sync((_, _) => "{}")).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        exit.Should().Be(LambdaHost.ExitRuntimeApiFailed);
        host.OutputLines.Should().ContainSingle().Which.Should().Contain("\"level\":\"Error\"").And.Contain("answered 500");
    }

    [Fact]
    public async Task Run_WhenRequestIdNeedsEscaping_PostsToTheEscapedPath()
    {
        await using var host = HostHarness.Create();
        _ = host.Run(DelegateHandler.Sync((_, _) => "{}"));

        host.Api.Enqueue("a b/c", "{}");

        (await host.Api.NextPostAsync()).Path.Should().Be("/2018-06-01/runtime/invocation/a%20b%2Fc/response");
    }
}

using System.Text.Json;
using Wso2Serverless.Runtime.Tests.Support;

namespace Wso2Serverless.Runtime.Tests;

public sealed class LambdaHostTests
{
    [Fact]
    public async Task RunAsync_WhenHandlerIsUnknown_PostsInitErrorAndExitsNonZero()
    {
        await using var host = HostHarness.Create();

        var exit = await host.Run("no-such-function", _ => null).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        exit.Should().Be(LambdaHost.ExitInitFailed);
        var post = await host.Api.NextPostAsync();
        post.Path.Should().Be("/2018-06-01/runtime/init/error");
        post.ErrorTypeHeader.Should().Be(ErrorTypes.NoSuchHandler);
        var error = JsonSerializer.Deserialize(post.Body, RuntimeJsonContext.Default.RuntimeError)!;
        error.ErrorType.Should().Be(ErrorTypes.NoSuchHandler);
        error.ErrorMessage.Should().Contain("'no-such-function'");
        host.Api.NextRequests.Should().Be(0, "a runtime that failed to start asks for no event");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public async Task RunAsync_WhenHandlerIsNotSet_PostsNoSuchHandler(string? handler)
    {
        await using var host = HostHarness.Create();

        var exit = await host.Run(handler, _ => throw new InvalidOperationException("must not be asked")).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        exit.Should().Be(LambdaHost.ExitInitFailed);
        var post = await host.Api.NextPostAsync();
        post.ErrorTypeHeader.Should().Be(ErrorTypes.NoSuchHandler);
        post.Body.Should().Contain("_HANDLER is not set");
    }

    [Fact]
    public async Task RunAsync_WhenBuildingTheFunctionThrows_PostsInitFailedWithTheReason()
    {
        await using var host = HostHarness.Create();

        var exit = await host.Run("accept", _ => throw new InvalidOperationException("TABLE_NAME is empty"))
            .WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        exit.Should().Be(LambdaHost.ExitInitFailed);
        var post = await host.Api.NextPostAsync();
        post.Path.Should().Be("/2018-06-01/runtime/init/error");
        post.ErrorTypeHeader.Should().Be(ErrorTypes.InitFailed);
        var error = JsonSerializer.Deserialize(post.Body, RuntimeJsonContext.Default.RuntimeError)!;
        error.ErrorMessage.Should().Be("Building function 'accept' failed: InvalidOperationException: TABLE_NAME is empty");
        host.OutputLines.Should().ContainSingle().Which.Should().Contain("\"level\":\"Error\"").And.Contain("TABLE_NAME is empty");
    }

    [Fact]
    public async Task RunAsync_WhenNotInLambda_ExitsWithoutCallingAnything()
    {
        await using var host = HostHarness.Create();
        host.Environment.Remove(LambdaHost.RuntimeApiVariable);
        var resolved = false;

        var exit = await host.Run("accept", _ =>
        {
            resolved = true;
            return null;
        }).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        exit.Should().Be(LambdaHost.ExitNotInLambda);
        resolved.Should().BeFalse();
        host.Api.AllPosts.Should().BeEmpty();
        host.OutputLines.Should().ContainSingle().Which.Should().Contain(LambdaHost.RuntimeApiVariable);
    }

    [Fact]
    public async Task RunAsync_WhenStopped_ExitsZero()
    {
        await using var host = HostHarness.Create();
        var run = host.Run(DelegateHandler.Sync((_, _) => "{}"));
        host.Api.Enqueue("req-1", "{}");
        await host.Api.NextPostAsync();

        (await host.StopAsync()).Should().Be(LambdaHost.ExitStopped);
        run.IsCompleted.Should().BeTrue();
    }

    [Fact]
    public async Task RunAsync_WithoutFunctionName_NamesLinesAfterTheHandler()
    {
        await using var host = HostHarness.Create();
        host.Environment.Remove(LambdaHost.FunctionNameVariable);

        _ = await host.Run("verify", _ => null).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        using var line = JsonDocument.Parse(host.OutputLines.Single());
        line.RootElement.GetProperty("function_name").GetString().Should().Be("verify");
    }
}

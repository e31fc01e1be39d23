using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Wso2Serverless.Runtime.Tests.Support;

namespace Wso2Serverless.Runtime.Tests;

/// <summary>
/// The real entry point (src/Functions/Program.cs, JIT build) as a process, as Lambda starts it:
/// what reaches the Runtime API and the exit code are what AWS would see.
/// </summary>
public sealed class BootstrapProcessTests
{
    private static readonly string BootstrapDll = typeof(BootstrapProcessTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BootstrapDll").Value!;

    [Fact]
    public async Task Bootstrap_WithUnknownHandler_PostsInitErrorAndExitsOne()
    {
        await using var api = FakeRuntimeApi.Start();

        var (exit, stdout) = await RunAsync(new()
        {
            [LambdaHost.RuntimeApiVariable] = api.HostAndPort,
            ["_HANDLER"] = "no-such-function",
            [LambdaHost.FunctionNameVariable] = "wso2-dev-nothing",
        });

        exit.Should().Be(LambdaHost.ExitInitFailed);
        var post = await api.NextPostAsync();
        post.Path.Should().Be("/2018-06-01/runtime/init/error");
        post.ErrorTypeHeader.Should().Be(ErrorTypes.NoSuchHandler);
        using var line = JsonDocument.Parse(stdout.Trim());
        line.RootElement.GetProperty("level").GetString().Should().Be("Error");
        line.RootElement.GetProperty("function_name").GetString().Should().Be("wso2-dev-nothing");
        api.NextRequests.Should().Be(0);
    }

    [Fact]
    public async Task Bootstrap_OutsideLambda_ExitsWithNotInLambda()
    {
        var (exit, stdout) = await RunAsync(new() { ["_HANDLER"] = "accept" });

        exit.Should().Be(LambdaHost.ExitNotInLambda);
        stdout.Should().Contain(LambdaHost.RuntimeApiVariable);
    }

    private static async Task<(int Exit, string Stdout)> RunAsync(Dictionary<string, string> environment)
    {
        File.Exists(BootstrapDll).Should().BeTrue($"the Functions project is built before these tests ({BootstrapDll})");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(BootstrapDll);
        start.Environment.Remove(LambdaHost.RuntimeApiVariable);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        (await stderr).Should().BeEmpty();
        return (process.ExitCode, await stdout);
    }
}

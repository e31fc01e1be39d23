using Wso2Serverless.Templates.Tests.Support;

namespace Wso2Serverless.Templates.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ShellSandboxTests
{
    [Fact]
    public async Task RunAsync_KeepsStdoutAndStderrLinesInTheOrderTheScriptWroteThem()
    {
        // Tests read a script's last line; with two pipes, a loaded machine could reorder them.
        using var sandbox = new ShellSandbox();

        var result = await sandbox.RunAsync("for i in $(seq 1 300); do echo \"out $i\"; echo \"err $i\" >&2; done");

        result.Lines.Should().Equal(Enumerable.Range(1, 300).SelectMany(i => new[] { $"out {i}", $"err {i}" }));
    }
}

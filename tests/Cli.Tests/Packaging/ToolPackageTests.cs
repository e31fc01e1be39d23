using System.Diagnostics;
using System.IO.Compression;
using Wso2Serverless.Cli.Tests.Support;

namespace Wso2Serverless.Cli.Tests.Packaging;

/// <summary>
/// wso2ctl as a .NET tool: <c>dotnet pack</c> makes the package, and <c>dotnet tool install
/// --tool-path</c> installs it from a local folder only (no registry) into a command that runs.
/// </summary>
public sealed class ToolPackageTests
{
    [Fact]
    public async Task Pack_ThenToolInstallFromTheLocalFolder_GivesAWso2ctlCommandThatRuns()
    {
        var work = Directory.CreateTempSubdirectory("wso2ctl-tool-");
        var packages = Path.Combine(work.FullName, "packages");
        var config = Path.Combine(work.FullName, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        // The configuration the tests were built in: pack what the build already made.
        var configuration = new DirectoryInfo(Path.GetDirectoryName(RepositoryFiles.CliDll)!).Parent!.Name;

        var pack = await DotnetAsync(work.FullName, "pack", RepositoryFiles.InRepo("src", "Cli", "Cli.csproj"), "-c", configuration, "--no-build", "-o", packages, "-nologo");
        var package = Directory.GetFiles(packages, "Wso2Serverless.Cli.*.nupkg").Should().ContainSingle(pack.ToString()).Subject;
        using (var zip = ZipFile.OpenRead(package))
        {
            zip.Entries.Select(e => e.FullName).Should().Contain(e => e.EndsWith("/wso2ctl.dll", StringComparison.Ordinal)).And.Contain(e => e.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal));
        }

        var tools = Path.Combine(work.FullName, "tools");
        var install = await DotnetAsync(work.FullName, "tool", "install", "Wso2Serverless.Cli", "--tool-path", tools, "--configfile", config);
        install.ExitCode.Should().Be(0, install.ToString());

        var help = await RunAsync(Path.Combine(tools, "wso2ctl"), work.FullName, "--help");
        help.ExitCode.Should().Be(0, help.ToString());
        help.Out.Should().Contain("Usage:").And.Contain("Exit codes:").And.Contain("deploy");
        work.Delete(recursive: true);
    }

    private static Task<CliResult> DotnetAsync(string directory, params string[] args) => RunAsync("dotnet", directory, args);

    private static async Task<CliResult> RunAsync(string file, string directory, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}

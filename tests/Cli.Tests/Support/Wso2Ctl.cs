using System.Diagnostics;
using Wso2Serverless.Aws.Signing;
using Wso2Serverless.StandIns.ApiGateway;

namespace Wso2Serverless.Cli.Tests.Support;

/// <summary>What one wso2ctl invocation did: exit code, stdout, stderr.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>
/// Runs wso2ctl against an API URL: in-process (the real command tree, signed with the given
/// principal's keys) or as a process of the built CLI (the real credential chain and console).
/// </summary>
public static class Wso2Ctl
{
    /// <summary>In-process against <paramref name="apiUrl"/>, signed with the principal's keys.</summary>
    public static Task<CliResult> RunAsync(Uri apiUrl, ApiPrincipal signer, params string[] args) =>
        RunWithAsync(new Dictionary<string, string>(), signer, [.. args, "--api-url", apiUrl.ToString(), "--region", ApiStandInFixture.Region]);

    /// <summary>Exactly the arguments given, with an environment of its own (no --api-url added).</summary>
    public static async Task<CliResult> RunWithAsync(IReadOnlyDictionary<string, string> environment, ApiPrincipal signer, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext
        {
            Out = output,
            Error = error,
            OutIsTerminal = false,
            Environment = name => environment.GetValueOrDefault(name),
            Credentials = new StaticCredentialSource(signer.AccessKeyId, signer.SecretAccessKey, signer.SessionToken),
        };
        var code = await CliApp.RunAsync(args, context);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Only the arguments given: for usage errors, before any API is named.</summary>
    public static async Task<CliResult> RunBareAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliContext { Out = output, Error = error, OutIsTerminal = false, Environment = _ => null });
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>
    /// The built CLI as a child process with exactly <paramref name="environment"/> on top of a
    /// cleaned environment: no AWS variables, HOME in a temp folder, no instance metadata.
    /// </summary>
    public static Task<CliResult> RunProcessAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunProcessAsync(environment, terminal: false, args);

    /// <summary>
    /// As <see cref="RunProcessAsync(IReadOnlyDictionary{string, string}, string[])"/>; with
    /// <paramref name="terminal"/> stdout is a pseudo-terminal (util-linux <c>script</c>), as in an operator's shell.
    /// </summary>
    public static async Task<CliResult> RunProcessAsync(IReadOnlyDictionary<string, string> environment, bool terminal, params string[] args)
    {
        var start = new ProcessStartInfo(terminal ? "script" : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        string[] command = ["dotnet", RepositoryFiles.CliDll, .. args];
        if (terminal)
        {
            foreach (var arg in (string[])["-qefc", string.Join(' ', command.Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'")), "/dev/null"])
            {
                start.ArgumentList.Add(arg);
            }
        }
        else
        {
            foreach (var arg in command[1..])
            {
                start.ArgumentList.Add(arg);
            }
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k is "NO_COLOR" or "TERM" or "WSO2CTL_API_URL").ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["HOME"] = Path.GetTempPath();
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}

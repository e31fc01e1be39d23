using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Wso2Serverless.StandIns.ApiGateway;

namespace Wso2Serverless.Cli.Tests.Support;

/// <summary>
/// <c>simulate --serve</c> as an operator starts it: the built simulator as a process on a free
/// port, with the world behind the real API function. Environment <see cref="Failing"/> meets
/// the apim-agent-fails world, <see cref="Held"/> a Puppet Master that never reports (its runs
/// wait until cancelled); every other environment is happy. Stopped with SIGTERM, as Ctrl-C.
/// </summary>
public sealed partial class ServeFixture : IAsyncLifetime
{
    /// <summary>The environment of docs/examples/staging.json, as in the README session.</summary>
    public const string Failing = "staging";
    public const string Held = "held";

    /// <summary>Fast enough for quick tests (a happy run's 91 simulated minutes in about 5 s), slow enough to see phases.</summary>
    private const string Pace = "1200";

    /// <summary>The keys the served API accepts (moto's customary test keys).</summary>
    public static ApiPrincipal Caller { get; } = new("testing", "testing", "123456789012", "arn:aws:iam::123456789012:user/testing", "AIDASIMULATETESTING");

    private readonly StringBuilder _output = new();
    private Process? _process;

    public Uri ApiUrl { get; private set; } = null!;

    /// <summary>What serve printed so far, stdout and stderr (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async ValueTask InitializeAsync()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[RepositoryFiles.SimulateDll, "--serve", "--port", "0", "--pace", Pace, "--seed", "14", "--quiet",
                     "--scenario", $"{Failing}=apim-agent-fails", "--scenario", $"{Held}=puppetmaster-silent"])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["WSO2_REPO_ROOT"] = RepositoryFiles.Root;
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            Append(e.Data);
            if (ListeningLine().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        };
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"simulate --serve ended before it listened:\n{Output}"));
        _process.Start();
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // The banner comes once moto, the ASL runner and the world are up: minutes on a loaded machine at worst.
        ApiUrl = await listening.Task.WaitAsync(TimeSpan.FromMinutes(4));
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        using (_process)
        {
            if (!_process.HasExited)
            {
                // SIGTERM: serve stops moto and the ASL runner on its way out.
                using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                    await kill.WaitForExitAsync();
                }

                using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                try
                {
                    await _process.WaitForExitAsync(patience.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    [GeneratedRegex(@"the orchestrator's HTTP API at (http://\S+)")]
    private static partial Regex ListeningLine();
}

/// <summary>One served world for every test class that drives the CLI against simulate --serve.</summary>
[CollectionDefinition(Name)]
public sealed class ServeGroup : ICollectionFixture<ServeFixture>
{
    public const string Name = "serve";
}

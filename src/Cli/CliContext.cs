using Wso2Serverless.Aws.Signing;

namespace Wso2Serverless.Cli;

/// <summary>
/// What wso2ctl takes from its process, as seams: tests run the real commands in-process with
/// their own writers, environment, credentials and clock for waiting.
/// </summary>
public sealed record CliContext
{
    public required TextWriter Out { get; init; }
    public required TextWriter Error { get; init; }
    /// <summary>Whether <see cref="Out"/> is a terminal; only then are there colours, spinners and cursor movement.</summary>
    public required bool OutIsTerminal { get; init; }
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;
    /// <summary>Null: AWS's standard chain (<c>ChainCredentialSource</c>).</summary>
    public ICredentialSource? Credentials { get; init; }
    /// <summary>Null: a real socket handler.</summary>
    public HttpMessageHandler? Transport { get; init; }
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public static CliContext FromProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        OutIsTerminal = !Console.IsOutputRedirected,
    };
}

/// <summary>The global options, read once per invocation.</summary>
public sealed record GlobalSettings
{
    public Uri? ApiUrl { get; init; }
    public string? Stack { get; init; }
    public string? Region { get; init; }
    public string? Profile { get; init; }
    public OutputFormat Output { get; init; } = OutputFormat.Text;
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

public enum OutputFormat
{
    Text,
    Json,
}

/// <summary>The caller asked for something that cannot work as asked; exit 2 with the message.</summary>
public sealed class UsageException(string message) : Exception(message);

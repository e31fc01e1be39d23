using System.CommandLine;
using System.Net;
using System.Text.Json;
using Spectre.Console;
using Wso2Serverless.Cli.Api;
using Wso2Serverless.Cli.Connection;
using Wso2Serverless.Cli.Follow;
using Wso2Serverless.Cli.Output;

namespace Wso2Serverless.Cli.Commands;

/// <summary>
/// One command being run: its settings, consoles and API, and the one place where what went wrong
/// becomes an exit code and a message (stderr for text, a problem document on stdout for json).
/// </summary>
public sealed class Invocation
{
    private Invocation(GlobalSettings settings, CliContext context, CancellationToken cancellation)
    {
        Settings = settings;
        Context = context;
        Terminal = new Terminal(context);
        Cancellation = cancellation;
    }

    public GlobalSettings Settings { get; }
    public CliContext Context { get; }
    public Terminal Terminal { get; }
    public CancellationToken Cancellation { get; }
    public bool Json => Settings.Output == OutputFormat.Json;
    public IAnsiConsole Out => Terminal.Out;

    public Task<OrchestratorApi> OpenApiAsync() => ApiConnection.OpenAsync(Settings, Context, Cancellation);

    /// <summary>Writes a JSON document to stdout as it came (one document, for jq and friends).</summary>
    public void WriteJson(string body) => Context.Out.WriteLine(body.Trim());

    public static async Task<int> RunAsync(GlobalOptions options, CliContext context, ParseResult parse, Func<Invocation, Task<int>> body, CancellationToken ct)
    {
        GlobalSettings settings;
        try
        {
            settings = options.Read(parse);
        }
        catch (UsageException ex)
        {
            await context.Error.WriteLineAsync($"wso2ctl: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var invocation = new Invocation(settings, context, ct);
        try
        {
            return await body(invocation).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            invocation.Fail("interrupted", "Interrupted; a run that was started goes on.", ExitCodes.Interrupted);
            return ExitCodes.Interrupted;
        }
        catch (UsageException ex)
        {
            return invocation.Fail("usage", ex.Message, ExitCodes.Usage);
        }
        catch (ApiProblemException ex)
        {
            return invocation.Refused(ex);
        }
        catch (ApiUnavailableException ex)
        {
            return invocation.Fail("unavailable", ex.Message, ExitCodes.Unavailable);
        }
        catch (WaitTimedOutException ex)
        {
            return invocation.Fail("wait-timed-out", ex.Message, ExitCodes.WaitTimedOut);
        }
    }

    /// <summary>The exit code for an API refusal, with its problem printed: field problems one per line, path first.</summary>
    public int Refused(ApiProblemException ex, string? subject = null)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var code = ex.Status switch
        {
            HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnsupportedMediaType or HttpStatusCode.UnprocessableEntity => ExitCodes.Usage,
            HttpStatusCode.NotFound or HttpStatusCode.Conflict or HttpStatusCode.MethodNotAllowed => ExitCodes.Refused,
            _ => ExitCodes.Unavailable,
        };
        if (Json)
        {
            WriteJson(ex.Problem is not null ? ex.Body : CliProblem("api", ex.Message, code));
            return code;
        }

        var error = Context.Error;
        var what = subject is null ? "" : subject + ": ";
        if (ex.Problem is { } problem)
        {
            error.WriteLine($"wso2ctl: {what}{(int)ex.Status} {problem.Title}{(problem.Errors is { Count: > 0 } ? "" : " " + problem.Detail)}");
            foreach (var field in problem.Errors ?? [])
            {
                error.WriteLine($"{field.Path}: {field.Message}");
            }
        }
        else
        {
            error.WriteLine($"wso2ctl: {what}{(int)ex.Status} {ex.GatewayMessage ?? ex.Status.ToString()}");
        }

        return code;
    }

    public int Fail(string kind, string message, int code)
    {
        if (Json)
        {
            WriteJson(CliProblem(kind, message, code));
        }
        else
        {
            Context.Error.WriteLine($"wso2ctl: {message}");
        }

        return code;
    }

    /// <summary>A problem document of the CLI's own, shaped like the API's (RFC 9457) plus the exit code.</summary>
    private static string CliProblem(string kind, string message, int code)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", "urn:wso2ctl:problem:" + kind);
            w.WriteString("title", kind);
            w.WriteString("detail", message);
            w.WriteNumber("exitCode", code);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

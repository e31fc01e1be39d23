using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Wso2Serverless.Cli.Api;
using Wso2Serverless.Cli.Output;

namespace Wso2Serverless.Cli.Commands;

/// <summary>history and schedule get|set: an environment's runs and its rebuild schedule.</summary>
public static class EnvironmentCommands
{
    public static Command History(GlobalOptions options, CliContext context)
    {
        var environment = RunCommands.EnvironmentName();
        var limit = new Option<int?>("--limit") { Description = "Deployments per page, 1 to 100 (the API's default is 20)" };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is { } n && n is < 1 or > 100)
            {
                r.AddError("--limit is a whole number from 1 to 100.");
            }
        });
        var cursor = new Option<string?>("--cursor") { Description = "Where the previous page ended (its nextCursor)" };
        var command = new Command("history", "List an environment's deployments, newest first (GET /environments/{env}/deployments)") { environment, limit, cursor };
        command.SetAction((parse, ct) => Invocation.RunAsync(options, context, parse, async run =>
        {
            var api = await run.OpenApiAsync().ConfigureAwait(false);
            var env = parse.GetValue(environment)!;
            var answer = await api.ListDeploymentsAsync(env, parse.GetValue(limit), parse.GetValue(cursor), run.Cancellation).ConfigureAwait(false);
            if (run.Json)
            {
                run.WriteJson(answer.Body);
                return ExitCodes.Succeeded;
            }

            var table = new Table().Border(TableBorder.Simple);
            table.AddColumns("deployment", "status", "trigger", "started (UTC)", "duration", "failed phase", "reason");
            foreach (var d in answer.Value.Items)
            {
                table.AddRow(
                    Markup.Escape(d.DeploymentId),
                    $"[{RunReport.Colour(d.Status)}]{d.Status}[/]",
                    Markup.Escape(d.Trigger),
                    d.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    d.EndedAt is { } end ? Durations.Format(end - d.StartedAt) : "running",
                    Markup.Escape(d.FailedPhase ?? ""),
                    Markup.Escape(d.Reason ?? ""));
            }

            run.Out.Write(table);
            if (answer.Value.NextCursor is { } next)
            {
                run.Out.WriteLine($"more: wso2ctl history {env} --cursor {next}");
            }

            return ExitCodes.Succeeded;
        }, ct));
        return command;
    }

    public static Command Schedule(GlobalOptions options, CliContext context)
    {
        var command = new Command("schedule", "Read or register an environment's rebuild schedule (GET|PUT /environments/{env})");
        command.Subcommands.Add(Get(options, context));
        command.Subcommands.Add(Set(options, context));
        return command;
    }

    private static Command Get(GlobalOptions options, CliContext context)
    {
        var environment = RunCommands.EnvironmentName();
        var command = new Command("get", "Show the environment's schedule, expiry and next run") { environment };
        command.SetAction((parse, ct) => Invocation.RunAsync(options, context, parse, async run =>
        {
            var api = await run.OpenApiAsync().ConfigureAwait(false);
            var answer = await api.GetScheduleAsync(parse.GetValue(environment)!, run.Cancellation).ConfigureAwait(false);
            Show(run, answer);
            return ExitCodes.Succeeded;
        }, ct));
        return command;
    }

    private static Command Set(GlobalOptions options, CliContext context)
    {
        var environment = RunCommands.EnvironmentName();
        var cron = new Option<string?>("--cron") { Description = "5-field cron expression in UTC, at most hourly (e.g. \"0 2 * * 1-5\"); omit for no rebuilds" };
        var request = new Option<string>("--request", "-f") { Description = "The deployment request every rebuild starts with (JSON file; - reads stdin)", Required = true };
        var disabled = new Option<bool>("--disabled") { Description = "Register the schedule switched off" };
        var expires = new Option<DateTimeOffset?>("--expires-at") { Description = "Tear the environment down after this time (ISO 8601, e.g. 2026-12-31T18:00:00Z)" };
        var command = new Command("set", "Register (or replace) the environment's rebuild schedule and expiry") { environment, cron, request, disabled, expires };
        command.SetAction((parse, ct) => Invocation.RunAsync(options, context, parse, async run =>
        {
            var file = parse.GetValue(request)!;
            var body = Body(parse.GetValue(cron), RequestFile.Read(file), !parse.GetValue(disabled), parse.GetValue(expires));
            var api = await run.OpenApiAsync().ConfigureAwait(false);
            ApiAnswer<EnvironmentSchedule> answer;
            try
            {
                answer = await api.PutScheduleAsync(parse.GetValue(environment)!, body, run.Cancellation).ConfigureAwait(false);
            }
            catch (ApiProblemException ex)
            {
                return run.Refused(ex, file);
            }

            Show(run, answer);
            return ExitCodes.Succeeded;
        }, ct));
        return command;
    }

    private static byte[] Body(string? cron, byte[] request, bool enabled, DateTimeOffset? expiresAt)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (cron is not null)
            {
                w.WriteString("schedule", cron);
            }

            w.WriteBoolean("enabled", enabled);
            w.WritePropertyName("request");
            using (var document = JsonDocument.Parse(request))
            {
                document.RootElement.WriteTo(w);
            }

            if (expiresAt is { } expires)
            {
                w.WriteString("expiresAt", expires.ToUniversalTime());
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void Show(Invocation run, ApiAnswer<EnvironmentSchedule> answer)
    {
        if (run.Json)
        {
            run.WriteJson(answer.Body);
            return;
        }

        var s = answer.Value;
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("environment", Markup.Escape(s.Environment));
        grid.AddRow("schedule", Markup.Escape(s.Schedule ?? "(none)") + " UTC");
        grid.AddRow("enabled", s.Enabled ? "yes" : "no");
        grid.AddRow("next run", s.NextRunAt is { } next ? Time(next) : "-");
        grid.AddRow("last scheduled", s.LastScheduledAt is { } last ? Time(last) : "-");
        grid.AddRow("expires", s.ExpiresAt is { } expires ? Time(expires) : "never");
        grid.AddRow("updated", Time(s.UpdatedAt));
        grid.AddRow("request", Markup.Escape(Compact(s.Request)));
        run.Out.Write(grid);
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Compact(JsonElement element) =>
        element.ValueKind == JsonValueKind.Undefined ? "" : element.GetRawText();
}

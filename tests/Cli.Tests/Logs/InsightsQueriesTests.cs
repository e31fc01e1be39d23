using System.Text.Json;
using System.Text.RegularExpressions;
using Wso2Serverless.Cli.Tests.Support;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Functions.Hosting;

namespace Wso2Serverless.Cli.Tests.Logs;

/// <summary>
/// The Logs Insights queries of docs/logs-insights.md against real log lines: a run started
/// through the API, played through its phases, and closed by the real Complete and RecordFailure
/// functions from the catalog, all writing through the real JSON logger. Every field a query
/// names must be a key those lines carry, and the queries' filters must select lines that exist.
/// </summary>
[Collection(ApiGroup.Name)]
public sealed partial class InsightsQueriesTests(ApiStandInFixture api)
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "fields", "filter", "stats", "sort", "limit", "by", "as", "asc", "desc", "and", "or", "not", "in", "like", "display", "parse", "dedup",
    };

    [Fact]
    public void Doc_HasTheThreeQueries()
    {
        Queries().Should().HaveCount(3);
    }

    [Fact]
    public async Task EveryFieldTheQueriesName_IsAKeyOfTheFunctionsLogLines()
    {
        var (succeeded, failed) = await PlayTwoRunsAsync();
        var lines = LogLines().ToList();
        var keys = lines.SelectMany(l => l.EnumerateObject().Select(p => p.Name)).ToHashSet(StringComparer.Ordinal);

        foreach (var query in Queries())
        {
            FieldsOf(query).Should().BeSubsetOf(keys, $"every field of\n{query}\nmust be written by the functions");
        }

        lines.Should().Contain(l => Is(l, "deploymentId", succeeded) && Is(l, "message", "api request"), "the run's story starts at the API");
        lines.Should().Contain(l => Is(l, "message", "event dropped") && Is(l, "detail", "signal for an unknown deployment"));
        lines.Should().Contain(l => Is(l, "deploymentId", succeeded) && Is(l, "message", "phase ended") && Is(l, "phase", "RunPuppetAgents:mi") && Is(l, "status", "Succeeded"));
        lines.Should().Contain(l => Is(l, "deploymentId", failed) && Is(l, "message", "phase ended") && Is(l, "phase", "RunPuppetAgents:apim") && Is(l, "status", "Failed"));
        lines.Should().Contain(l => Is(l, "deploymentId", failed) && Is(l, "message", "task finished") && Is(l, "phase", "RunPuppetAgents:apim"), "RecordFailure logs under the failed phase");
        lines.Where(l => l.TryGetProperty("level", out _)).Should().AllSatisfy(l =>
        {
            l.GetProperty("service").GetString().Should().NotBeNullOrEmpty();
            l.GetProperty("cold_start").ValueKind.Should().BeOneOf(JsonValueKind.True, JsonValueKind.False);
            l.GetProperty("level").GetString().Should().BeOneOf("Information", "Warning", "Error");
        });
    }

    [Fact]
    public void FieldsOf_FindsFieldsButNotFunctionsKeywordsStringsOrAliases()
    {
        FieldsOf("""fields @timestamp, level | filter deploymentId = "x and y" and ispresent(phase) | stats pct(durationMs, 95) as p95 by phase | sort p95 desc""")
            .Should().BeEquivalentTo("level", "deploymentId", "phase", "durationMs");
    }

    private async Task<(string Succeeded, string Failed)> PlayTwoRunsAsync()
    {
        var ok = await StartAsync();
        var driver = api.Driver(ok);
        foreach (var phase in new[] { PhaseNames.Accept, PhaseNames.CreateStack, PhaseNames.AwaitPuppetMaster, PhaseNames.RunDatabaseScripts })
        {
            await driver.RunAsync(phase);
        }

        await driver.RunAgentsAsync("apim", PhaseStatus.Succeeded, 0);
        await driver.RunAgentsAsync("mi", PhaseStatus.Succeeded, 0);
        await driver.RunAsync(PhaseNames.Verify);
        await api.InvokeFunctionAsync(HandlerNames.Complete, "{\"deployment\": " + Deployment(ok) + "}");

        var bad = await StartAsync();
        var failing = api.Driver(bad);
        await failing.RunAsync(PhaseNames.Accept);
        await failing.StartAsync(PhaseNames.Agent("apim"));
        await api.InvokeFunctionAsync(HandlerNames.RecordFailure,
            $$$"""{"phase": "RunPuppetAgents:apim", "executionName": "{{{bad}}}", "error": {"Error": "Wso2.CommandFailed", "Cause": "puppet agent exited 1 on i-0apim0001"}}""");
        // A signal nobody waits for: the router drops it with its reason (action, detail, ...).
        await api.InvokeFunctionAsync(HandlerNames.EventRouter, $$$"""
            {"version": "0", "id": "{{{Guid.NewGuid()}}}", "detail-type": "Puppet Master Signal", "source": "{{{Domain.Signals.PuppetMasterSignal.SourceFor("dev")}}}",
             "account": "123456789012", "time": "2026-11-28T09:00:00Z", "region": "us-east-1", "resources": [],
             "detail": {"deploymentId": "20200101-000000-00000000", "stage": "modules", "status": "PROGRESS", "message": "modules installed"}}
            """);
        return (ok, bad);
    }

    private async Task<string> StartAsync()
    {
        var environment = Requests.NewEnvironment();
        var started = await Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "deploy", "-f", Requests.ValidFile(environment));
        started.ExitCode.Should().Be(0, started.ToString());
        return await api.Workflow.NextStartedAsync(environment, TimeSpan.FromSeconds(30));
    }

    private static string Deployment(string id) => $$"""
        {"deploymentId": "{{id}}", "environment": "unused", "stackName": "wso2-unused", "parameters": {}, "secrets": {},
         "agents": [{"role": "apim"}, {"role": "mi"}], "timeouts": {}, "requestedAt": "2026-11-28T09:00:00Z"}
        """;

    private IEnumerable<JsonElement> LogLines()
    {
        foreach (var line in api.FunctionLog.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            using var document = JsonDocument.Parse(line);
            yield return document.RootElement.Clone();
        }
    }

    private static bool Is(JsonElement line, string key, string value) =>
        line.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() == value;

    /// <summary>The queries in docs/logs-insights.md: the fenced blocks marked logs-insights.</summary>
    private static List<string> Queries() =>
        [.. QueryBlock().Matches(File.ReadAllText(RepositoryFiles.InRepo("docs", "logs-insights.md"))).Select(m => m.Groups["query"].Value)];

    /// <summary>
    /// The log fields a query names: identifiers that are not keywords, functions (followed by a
    /// parenthesis), Insights' own @fields, aliases (after <c>as</c>) or inside string literals.
    /// </summary>
    internal static HashSet<string> FieldsOf(string query)
    {
        var text = StringLiteral().Replace(query, "\"\"");
        var aliases = Alias().Matches(text).Select(m => m.Groups["alias"].Value).ToHashSet(StringComparer.Ordinal);
        return Identifier().Matches(text)
            .Where(m => !m.Value.StartsWith('@') && !Keywords.Contains(m.Value) && !aliases.Contains(m.Value) && !FollowedByParenthesis(text, m))
            .Select(m => m.Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    private static bool FollowedByParenthesis(string text, Match match)
    {
        var next = match.Index + match.Length;
        while (next < text.Length && text[next] == ' ')
        {
            next++;
        }

        return next < text.Length && text[next] == '(';
    }

    [GeneratedRegex("```logs-insights\\n(?<query>.*?)```", RegexOptions.Singleline)]
    private static partial Regex QueryBlock();

    [GeneratedRegex("\"[^\"]*\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\bas\s+(?<alias>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Alias();

    [GeneratedRegex(@"@?[A-Za-z_][A-Za-z0-9_.]*")]
    private static partial Regex Identifier();
}

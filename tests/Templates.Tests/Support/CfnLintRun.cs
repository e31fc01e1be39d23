using System.Text.Json.Nodes;
using Wso2Serverless.Templates.Tests.ServerlessTemplate;

namespace Wso2Serverless.Templates.Tests.Support;

/// <summary>One match of cfn-lint's JSON output; Filename is the path exactly as cfn-lint printed it.</summary>
public sealed record CfnLintMatch(string? Filename, string RuleId, string Level, string Message, int Line, IReadOnlyList<string> Path)
{
    public override string ToString() => $"{Filename}:{Line}: {Level} {RuleId} at {string.Join('/', Path)}: {Message}";
}

/// <summary>The real cfn-lint (Python, 1.x), once per test assembly on every file the lint tests check: each start loads rules and specs for seconds.</summary>
public static class CfnLintRun
{
    /// <summary>Every CloudFormation template under templates/, by file name.</summary>
    public static IReadOnlyList<string> Templates { get; } =
        [.. Directory.GetFiles(Repo.Templates, "*.yaml").Select(f => System.IO.Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    /// <summary>serverless.template with a Lambda runtime that does not exist; written for the run, deleted after it.</summary>
    public static string BrokenServerlessTemplate { get; } =
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"serverless-broken-{Guid.NewGuid():N}.template");

    /// <summary>The paths given to cfn-lint, in order; a match names its file by the same string.</summary>
    public static IReadOnlyList<string> Files { get; } =
        [.. Templates.Select(TemplatePath), ServerlessTemplateFile.Path, BrokenServerlessTemplate];

    private static readonly Lazy<Task<IReadOnlyList<CfnLintMatch>>> Run = new(LintAllAsync);

    public static string TemplatePath(string template) => System.IO.Path.Combine(Repo.Templates, template);

    /// <summary>The matches cfn-lint reported for one of <see cref="Files"/>, compared by the exact string.</summary>
    public static async Task<IReadOnlyList<CfnLintMatch>> MatchesOfAsync(string file)
    {
        if (!Files.Contains(file, StringComparer.Ordinal))
        {
            throw new ArgumentException($"{file} is not one of the files the cfn-lint run lints.", nameof(file));
        }

        return [.. (await Run.Value).Where(m => string.Equals(m.Filename, file, StringComparison.Ordinal))];
    }

    private static async Task<IReadOnlyList<CfnLintMatch>> LintAllAsync()
    {
        await File.WriteAllTextAsync(BrokenServerlessTemplate, (await File.ReadAllTextAsync(ServerlessTemplateFile.Path))
            .Replace("\"provided.al2023\"", "\"provided.al2099\"", StringComparison.Ordinal));
        ProcessResult result;
        try
        {
            // No rule is ignored: the files lint as they are, from the repository root.
            result = await ProcessRunner.RunAsync(
                "cfn-lint", ["--format", "json", "--", .. Files], workingDirectory: Repo.Root, timeout: TimeSpan.FromMinutes(5));
        }
        finally
        {
            File.Delete(BrokenServerlessTemplate);
        }

        var matches = Parse(result);

        // Exit code 0 means no match; otherwise it is the OR of 2 (error), 4 (warning), 8 (informational).
        var expectedExitCode = matches.Aggregate(0, (code, m) => code | m.Level switch
        {
            "Error" => 2,
            "Warning" => 4,
            "Informational" => 8,
            _ => throw Failure($"a match of unknown level '{m.Level}'", result),
        });
        if (result.ExitCode != expectedExitCode)
        {
            throw Failure($"exit code {result.ExitCode} where its matches mean {expectedExitCode}", result);
        }

        // A file cfn-lint did not find, or named otherwise than given, would make its file's tests pass vacuously.
        var unexpected = matches.Where(m => m.Filename is null || !Files.Contains(m.Filename, StringComparer.Ordinal)).ToArray();
        if (unexpected.Length > 0)
        {
            throw Failure($"matches for files it was not given: {string.Join("; ", unexpected.Select(m => $"'{m.Filename}'").Distinct())}", result);
        }

        return matches;
    }

    private static CfnLintMatch[] Parse(ProcessResult result)
    {
        try
        {
            if (JsonNode.Parse(result.StandardOutput) is JsonArray array)
            {
                return [.. array.Select(Match)];
            }
        }
        catch (Exception e)
        {
            throw Failure($"output that is not its JSON list of matches ({e.Message})", result);
        }

        throw Failure("no JSON list of matches", result);
    }

    private static CfnLintMatch Match(JsonNode? m) => new(
        (string?)m!["Filename"],
        (string)m["Rule"]!["Id"]!,
        (string)m["Level"]!,
        (string)m["Message"]!,
        (int)m["Location"]!["Start"]!["LineNumber"]!,
        m["Location"]!["Path"] is JsonArray path ? [.. path.Select(p => p?.ToString() ?? "")] : []);

    private static InvalidOperationException Failure(string what, ProcessResult result) =>
        new($"cfn-lint gave {what}; exit code {result.ExitCode}, output:\n{result.Output}");
}

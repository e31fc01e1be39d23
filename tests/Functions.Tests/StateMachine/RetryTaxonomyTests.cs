using System.Text.RegularExpressions;
using Wso2Serverless.Domain.Workflow;
using Wso2Serverless.Functions.Tests.Workflow;

namespace Wso2Serverless.Functions.Tests.StateMachine;

/// <summary>Every Retry block of both state machines follows <see cref="ErrorTaxonomy"/>, and so does the README.</summary>
public sealed partial class RetryTaxonomyTests
{
    public static TheoryData<string> Files => [.. AslStates.Files];

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryRetrier_NamesOnlyErrorsTheTaxonomyRetries(string file)
    {
        var retriers = AslStates.All(file).SelectMany(s => (s.State["Retry"]?.AsArray() ?? []).Select(r => (s.Name, Retrier: r!.AsObject()))).ToList();

        retriers.Should().NotBeEmpty();
        foreach (var (state, retrier) in retriers)
        {
            var names = AslStates.Names(retrier["ErrorEquals"]);
            names.Where(n => !ErrorTaxonomy.IsRetried(n)).Should().BeEmpty($"{file} {state} may retry only errors that can succeed on a second try");
            ((int?)retrier["MaxAttempts"] ?? 3).Should().BeInRange(1, 6, $"{file} {state}: a retrier that never retries only hides a name");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryLambdaTask_RetriesEveryRetriedError(string file)
    {
        var tasks = AslStates.All(file).Where(s => AslStates.IsLambdaTask(s.State)).ToList();

        tasks.Should().NotBeEmpty();
        foreach (var (name, state, _) in tasks)
        {
            var covered = (state["Retry"]?.AsArray() ?? []).SelectMany(r => AslStates.Names(r!["ErrorEquals"])).ToHashSet(StringComparer.Ordinal);
            ErrorTaxonomy.Retried.Where(e => !covered.Contains(e)).Should().BeEmpty($"{file} {name} must retry every transient error");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void NoState_RetriesAnErrorThatCannotSucceed(string file)
    {
        var policy = new AslRetryPolicy(AslStates.Load(file));

        foreach (var state in policy.StateNames)
        {
            foreach (var error in ErrorTaxonomy.NotRetried.Append("AccessDeniedException").Append("NullReferenceException"))
            {
                policy.ShouldRetry(state, error, 0).Should().BeFalse($"{file} {state} must not retry {error}");
            }
        }
    }

    [Fact]
    public void Readme_NamesExactlyTheRetriedErrorsAndSaysTheRestAreNot()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "StateMachine", "README.md"));
        var paragraph = RetryParagraph().Match(readme);
        paragraph.Success.Should().BeTrue("the README has a '- **Retry.**' paragraph");
        var text = paragraph.Value;
        var split = text.IndexOf("Every other error", StringComparison.Ordinal);
        split.Should().BePositive("the README says what is not retried");

        var retried = ErrorNames().Matches(text[..split]).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var notRetried = ErrorNames().Matches(text[split..]).Select(m => m.Groups[1].Value).ToList();

        retried.Should().BeEquivalentTo(ErrorTaxonomy.Retried);
        notRetried.Should().NotBeEmpty().And.OnlyContain(n => !ErrorTaxonomy.IsRetried(n));
    }

    [Fact]
    public void Readme_StatesTheFiguresOfEveryRetrier()
    {
        var paragraph = RetryParagraph().Match(File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "StateMachine", "README.md"))).Value;
        var stated = RetryFigures().Matches(paragraph).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

        var used = AslStates.Files.SelectMany(AslStates.All)
            .SelectMany(s => s.State["Retry"]?.AsArray() ?? [])
            .Select(r => Figures(r!.AsObject()))
            .ToHashSet(StringComparer.Ordinal);

        used.Should().NotBeEmpty();
        stated.Should().BeEquivalentTo(used, "the README's interval, backoff, cap and attempts are those of the machines");
    }

    private static string Figures(System.Text.Json.Nodes.JsonObject retrier)
    {
        var cap = retrier["MaxDelaySeconds"] is { } d ? $", at most {(int)d} s apart" : "";
        return $"{(int?)retrier["IntervalSeconds"] ?? 1} s, ×{(double?)retrier["BackoffRate"] ?? 2}{cap}, {(int?)retrier["MaxAttempts"] ?? 3} attempts";
    }

    [GeneratedRegex(@"\d+ s, ×\d+(?:\.\d+)?(?:, at most \d+ s apart)?, \d+ attempts")]
    private static partial Regex RetryFigures();

    [GeneratedRegex(@"^- \*\*Retry\.\*\*.*?(?=^- \*\*|^#|\z)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex RetryParagraph();

    [GeneratedRegex(@"`((?:Lambda|Sandbox|Runtime|Wso2|States)\.[A-Za-z]+)`")]
    private static partial Regex ErrorNames();
}

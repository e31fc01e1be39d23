using Wso2Serverless.Templates.Tests.Support;

namespace Wso2Serverless.Templates.Tests.ServerlessTemplate;

/// <summary>The real cfn-lint (with the SAM translator) on serverless.template, in the assembly's one cfn-lint run.</summary>
public sealed class ServerlessTemplateLintTests
{
    [Fact]
    public async Task Lint_ServerlessTemplate_HasNoMatch()
    {
        // No error, warning or informational match: the template lints clean as it is.
        var matches = await CfnLintRun.MatchesOfAsync(ServerlessTemplateFile.Path);

        matches.Select(m => m.ToString()).Should().BeEmpty();
    }

    [Fact]
    public async Task Lint_TemplateWithAnUnknownRuntime_ReportsTheRuntime()
    {
        // The same run must report the broken copy's runtime under the very path it was given, or the clean tests prove nothing.
        var matches = await CfnLintRun.MatchesOfAsync(CfnLintRun.BrokenServerlessTemplate);

        matches.Should().Contain(m => m.Level == "Error" && m.RuleId == "E3030"
            && string.Join('/', m.Path).EndsWith("/Properties/Runtime", StringComparison.Ordinal) && m.Message.Contains("'provided.al2099'", StringComparison.Ordinal),
            string.Join('\n', matches));
    }
}

using Wso2Serverless.Templates.Tests.Support;

namespace Wso2Serverless.Templates.Tests;

/// <summary>The real cfn-lint (Python, 1.x) on every CloudFormation template under templates/, in the assembly's one cfn-lint run.</summary>
public sealed class CfnLintTests
{
    public static TheoryData<string> Templates() => [.. CfnLintRun.Templates];

    [Fact]
    public void Templates_IncludeTheProductStackAndTheDocuments()
    {
        Templates().Select(row => row.Data).Should().Contain(["pattern-1.yaml", "orchestrator-documents.yaml"]);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Lint_Template_HasNoMatch(string template)
    {
        // No error, warning or informational match: the templates lint clean as they are.
        var matches = await CfnLintRun.MatchesOfAsync(CfnLintRun.TemplatePath(template));

        matches.Select(m => m.ToString()).Should().BeEmpty();
    }
}

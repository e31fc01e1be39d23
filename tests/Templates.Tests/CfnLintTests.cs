using Wso2Serverless.Templates.Tests.Support;

namespace Wso2Serverless.Templates.Tests;

/// <summary>The real cfn-lint (Python, 1.x) on every CloudFormation template under templates/.</summary>
public sealed class CfnLintTests
{
    public static TheoryData<string> Templates()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Repo.Templates, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void Templates_IncludeTheProductStackAndTheDocuments()
    {
        Templates().Select(row => row.Data).Should().Contain(["pattern-1.yaml", "orchestrator-documents.yaml"]);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Lint_Template_ExitsZero(string template)
    {
        // No rule is ignored: the templates lint clean as they are.
        var result = await ProcessRunner.RunAsync("cfn-lint", ["--", Path.Combine(Repo.Templates, template)], timeout: TimeSpan.FromMinutes(3));

        result.ExitCode.Should().Be(0, result.Output);
    }
}

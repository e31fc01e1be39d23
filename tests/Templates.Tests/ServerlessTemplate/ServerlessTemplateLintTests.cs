using Wso2Serverless.Templates.Tests.Support;

namespace Wso2Serverless.Templates.Tests.ServerlessTemplate;

/// <summary>The real cfn-lint (with the SAM translator) on serverless.template.</summary>
public sealed class ServerlessTemplateLintTests
{
    [Fact]
    public async Task Lint_ServerlessTemplate_ExitsZero()
    {
        // No rule is ignored: the template lints clean as it is.
        var result = await ProcessRunner.RunAsync("cfn-lint", ["--", ServerlessTemplateFile.Path], workingDirectory: Repo.Root, timeout: TimeSpan.FromMinutes(3));

        result.ExitCode.Should().Be(0, result.Output);
    }

    [Fact]
    public async Task Lint_TemplateWithAnUnknownRuntime_Fails()
    {
        // The lint test above must be able to fail: the same linter, one broken resource type.
        var broken = Path.Combine(Path.GetTempPath(), $"serverless-broken-{Guid.NewGuid():N}.template");
        await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(ServerlessTemplateFile.Path))
            .Replace("\"provided.al2023\"", "\"provided.al2099\"", StringComparison.Ordinal));
        try
        {
            var result = await ProcessRunner.RunAsync("cfn-lint", ["--", broken], workingDirectory: Repo.Root, timeout: TimeSpan.FromMinutes(3));

            result.ExitCode.Should().NotBe(0);
        }
        finally
        {
            File.Delete(broken);
        }
    }
}

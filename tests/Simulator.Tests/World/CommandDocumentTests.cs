using Wso2Serverless.Simulator.Hosting;
using Wso2Serverless.StandIns.World;

namespace Wso2Serverless.Simulator.Tests.World;

/// <summary>
/// The world prints what our SSM documents' shell would print, so it must read them right: the
/// real documents keep Puppet's diffs off, its output in a log file and the shell untraced; the
/// same document with the guard removed is read as leaking.
/// </summary>
public sealed class CommandDocumentTests
{
    private static string Document(string file) => Path.Combine(RepoPaths.Locate().CommandDocuments, file);

    [Fact]
    public void AgentDocument_AsWritten_ShowsNoDiffAndCapturesPuppetsLog()
    {
        var document = CommandDocument.Load("agent", Document("run-puppet-agent.yaml"));

        document.PuppetShowsDiff.Should().BeFalse();
        document.PuppetLogCaptured.Should().BeTrue();
        document.TracesCommands.Should().BeFalse();
    }

    [Fact]
    public void DatabaseDocument_AsWritten_DoesNotTraceItsCommands()
    {
        var document = CommandDocument.Load("db", Document("run-database-scripts.yaml"));

        document.TracesCommands.Should().BeFalse();
        document.PuppetShowsDiff.Should().BeFalse("it runs no Puppet");
    }

    [Theory]
    [InlineData("--no-show_diff ", "")]
    [InlineData("--onetime", "--test --onetime")]
    [InlineData("--onetime", "-t --onetime")]
    public void AgentDocument_WithoutItsGuard_IsReadAsShowingDiffs(string guard, string replacement)
    {
        var text = File.ReadAllText(Document("run-puppet-agent.yaml"));
        var agentLine = text.IndexOf("agent --onetime --no-daemonize", StringComparison.Ordinal);
        var changed = text[..agentLine] + text[agentLine..].ReplaceFirst(guard, replacement);

        CommandDocument.Parse("agent", Script(changed)).PuppetShowsDiff.Should().BeTrue();
    }

    [Fact]
    public void DatabaseDocument_WithXtrace_IsReadAsTracing()
    {
        var text = File.ReadAllText(Document("run-database-scripts.yaml")).Replace("set -Eeuo pipefail", "set -Eeuxo pipefail", StringComparison.Ordinal);

        CommandDocument.Parse("db", Script(text)).TracesCommands.Should().BeTrue();
    }

    /// <summary>The shell block of a document's text (everything after "runCommand:"), enough for Parse.</summary>
    private static string Script(string yaml) => yaml[yaml.IndexOf("runCommand:", StringComparison.Ordinal)..];
}

internal static class StringExtensions
{
    public static string ReplaceFirst(this string text, string old, string replacement)
    {
        var at = text.IndexOf(old, StringComparison.Ordinal);
        return at < 0 ? throw new ArgumentException($"'{old}' not found") : text[..at] + replacement + text[(at + old.Length)..];
    }
}

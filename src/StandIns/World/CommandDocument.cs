using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Wso2Serverless.StandIns.World;

/// <summary>
/// What an SSM command document's shell does that changes what its output shows, read from the
/// document itself (templates/ssm): whether Puppet prints diffs (a diff of deployment.toml
/// prints the database password), whether Puppet's output goes to a log file on the node rather
/// than to the command's output, and whether the shell traces its commands (set -x prints every
/// assignment, the password's included). The world prints what such a run would print.
/// </summary>
public sealed partial record CommandDocument(string Name, bool PuppetShowsDiff, bool PuppetLogCaptured, bool TracesCommands)
{
    /// <summary>Reads an SSM command document (templates/ssm/*.yaml): the shell of its runShellScript steps.</summary>
    public static CommandDocument Load(string name, string yamlPath)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(yamlPath))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var scripts = ((YamlSequenceNode)root.Children[new YamlScalarNode("mainSteps")]).Children
            .OfType<YamlMappingNode>()
            .Select(step => step.Children[new YamlScalarNode("inputs")])
            .OfType<YamlMappingNode>()
            .Select(inputs => inputs.Children[new YamlScalarNode("runCommand")])
            .OfType<YamlSequenceNode>()
            .SelectMany(lines => lines.Children.OfType<YamlScalarNode>().Select(line => line.Value ?? ""));
        return Parse(name, string.Join('\n', scripts));
    }

    /// <summary>Reads a document's shell text (comments ignored, continuation lines joined).</summary>
    public static CommandDocument Parse(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = Commands(text).ToList();
        // The line that runs Puppet, not one that only prints its name.
        var puppet = lines.FirstOrDefault(l => PuppetAgent().IsMatch(l) && !l.StartsWith("echo ", StringComparison.Ordinal) && !l.StartsWith("printf ", StringComparison.Ordinal));
        return new CommandDocument(
            name,
            PuppetShowsDiff: puppet is not null && (TestFlag().IsMatch(puppet) || !puppet.Contains("--no-show_diff", StringComparison.Ordinal)),
            PuppetLogCaptured: puppet is not null && LogRedirect().IsMatch(puppet),
            TracesCommands: lines.Any(l => Xtrace().IsMatch(l)) || text.Contains("#!/bin/bash -x", StringComparison.Ordinal));
    }

    /// <summary>The shell lines of the document: comments dropped, lines ending in a backslash joined to the next.</summary>
    private static IEnumerable<string> Commands(string text)
    {
        var pending = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#'))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            yield return pending + line;
            pending = "";
        }
    }

    // Puppet is run as puppet, "${PUPPET_BIN:-puppet}" or a path ending in puppet, with "agent".
    [GeneratedRegex("""puppet[}"']*\s+agent\s""")]
    private static partial Regex PuppetAgent();

    // --test (or -t) turns show_diff on after the command line is read, whatever else it says.
    [GeneratedRegex("""(\s--test\b|\s-t\b|\s-[a-z]*t[a-z]*\s)""")]
    private static partial Regex TestFlag();

    [GeneratedRegex("""\s>\s*"?\$\{?log\b""")]
    private static partial Regex LogRedirect();

    [GeneratedRegex("""^(set\s+-[A-Za-z]*x|set\s+-o\s+xtrace|.*\bbash\s+-x\b)""")]
    private static partial Regex Xtrace();
}

using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Wso2Serverless.Templates.Tests.Support;

/// <summary>
/// An SSM command document as SSM runs it: the aws:runShellScript step's runCommand lines
/// joined into one script, with <c>{{ Param }}</c> replaced by the values given (or the
/// defaults) after checking them against allowedPattern / allowedValues, as SSM does.
/// </summary>
public sealed class CommandDocument
{
    private static readonly Regex Placeholder = new(@"\{\{\s*(\w+)\s*\}\}", RegexOptions.Compiled);
    private readonly YamlMappingNode _root;

    private CommandDocument(YamlMappingNode root) => _root = root;

    public static CommandDocument Load(string path) => new(Yaml.Load(path));

    public static CommandDocument FromNode(YamlMappingNode root) => new(root);

    public YamlMappingNode Root => _root;

    public string RawScript
    {
        get
        {
            var step = (YamlMappingNode)((YamlSequenceNode)_root.Get("mainSteps")!).Children.Single();
            step.Get("action").Text().Should().Be("aws:runShellScript");
            var lines = (YamlSequenceNode)step.Get("inputs")!.Get("runCommand")!;
            return string.Join('\n', lines.Children.Select(l => l.Text()));
        }
    }

    public string Render(IReadOnlyDictionary<string, string> parameters)
    {
        var declared = _root.Map("parameters");
        foreach (var name in parameters.Keys)
        {
            declared.Get(name).Should().NotBeNull($"the document declares parameter {name}");
        }

        var values = new Dictionary<string, string>();
        foreach (var (name, declaration) in declared.Entries())
        {
            var value = parameters.TryGetValue(name, out var given) ? given
                : declaration.Get("default").Text() ?? throw new ArgumentException($"Parameter {name} is required by the document.");
            if (declaration.Get("allowedPattern").Text() is { } pattern)
            {
                Regex.IsMatch(value, pattern).Should().BeTrue($"'{value}' must match {name}'s allowedPattern {pattern}");
            }

            if (declaration.Get("allowedValues") is YamlSequenceNode allowed)
            {
                allowed.Children.Select(v => v.Text()).Should().Contain(value);
            }

            values[name] = value;
        }

        return Placeholder.Replace(RawScript, m => values.TryGetValue(m.Groups[1].Value, out var v)
            ? v
            : throw new InvalidOperationException($"Undeclared parameter {m.Value} in the script."));
    }
}

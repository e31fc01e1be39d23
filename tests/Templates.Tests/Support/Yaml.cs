using System.Text;
using Wso2Serverless.StandIns.Templates;
using YamlDotNet.RepresentationModel;

namespace Wso2Serverless.Templates.Tests.Support;

/// <summary>Small navigation helpers over YamlDotNet's representation model.</summary>
public static class Yaml
{
    public static YamlMappingNode Load(string path) => LocalTemplateSummary.LoadRoot(File.ReadAllText(path));

    public static YamlNode? Get(this YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static YamlMappingNode Map(this YamlNode node, string key) =>
        node.Get(key) as YamlMappingNode ?? throw new InvalidOperationException($"'{key}' is not a mapping.");

    public static string? Text(this YamlNode? node) => (node as YamlScalarNode)?.Value;

    public static IEnumerable<(string Key, YamlNode Value)> Entries(this YamlNode node) =>
        node is YamlMappingNode map ? map.Children.Select(kv => (kv.Key.Text() ?? "", kv.Value)) : [];

    /// <summary>Every node below (and including) this one, depth first.</summary>
    public static IEnumerable<YamlNode> Descendants(this YamlNode node) => node.AllNodes;

    /// <summary>A canonical text of a node: tags, keys and scalars; enough to compare two trees.</summary>
    public static string Canonical(this YamlNode node)
    {
        var text = new StringBuilder();
        Write(node, text);
        return text.ToString();

        static void Write(YamlNode node, StringBuilder text)
        {
            text.Append(node.Tag.IsEmpty ? "" : node.Tag.Value);
            switch (node)
            {
                case YamlScalarNode scalar:
                    text.Append('"').Append(scalar.Value).Append('"');
                    break;
                case YamlSequenceNode sequence:
                    text.Append('[');
                    foreach (var child in sequence.Children)
                    {
                        Write(child, text);
                        text.Append(',');
                    }

                    text.Append(']');
                    break;
                case YamlMappingNode mapping:
                    text.Append('{');
                    foreach (var (key, value) in mapping.Children)
                    {
                        Write(key, text);
                        text.Append(':');
                        Write(value, text);
                        text.Append(',');
                    }

                    text.Append('}');
                    break;
            }
        }
    }
}

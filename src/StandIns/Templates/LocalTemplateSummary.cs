using Wso2Serverless.Domain.Ports;
using YamlDotNet.RepresentationModel;

namespace Wso2Serverless.StandIns.Templates;

/// <summary>
/// What CloudFormation's GetTemplateSummary returns about parameters, read from a local
/// template file: the simulator and the tests use it where no CloudFormation exists.
/// Intrinsic short forms (<c>!Ref</c>, <c>!Sub</c>, <c>!GetAtt</c>...) are YAML tags; the
/// representation model keeps them as opaque tagged nodes, so any template loads.
/// </summary>
public static class LocalTemplateSummary
{
    public static TemplateSummary ReadFile(string path) => Parse(File.ReadAllText(path));

    /// <summary>Parses a template body, YAML or JSON (JSON is YAML).</summary>
    public static TemplateSummary Parse(string templateBody)
    {
        var root = LoadRoot(templateBody);
        var parameters = new List<TemplateParameter>();
        if (root.Children.TryGetValue(new YamlScalarNode("Parameters"), out var node) && node is YamlMappingNode declared)
        {
            foreach (var (key, value) in declared.Children)
            {
                if (value is not YamlMappingNode declaration)
                {
                    throw new InvalidDataException($"Parameter {Scalar(key)} is not a mapping.");
                }

                parameters.Add(new TemplateParameter(
                    Name: Scalar(key) ?? throw new InvalidDataException("A parameter has no name."),
                    Type: Scalar(Child(declaration, "Type")) ?? throw new InvalidDataException($"Parameter {Scalar(key)} has no Type."),
                    DefaultValue: Scalar(Child(declaration, "Default")),
                    NoEcho: string.Equals(Scalar(Child(declaration, "NoEcho")), "true", StringComparison.OrdinalIgnoreCase),
                    AllowedValues: Child(declaration, "AllowedValues") is YamlSequenceNode allowed
                        ? allowed.Children.Select(v => Scalar(v) ?? "").ToList()
                        : [],
                    Description: Scalar(Child(declaration, "Description"))));
            }
        }

        return new TemplateSummary(parameters);
    }

    /// <summary>The template's top-level mapping, for callers that need more than parameters.</summary>
    public static YamlMappingNode LoadRoot(string templateBody)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(templateBody))
        {
            stream.Load(reader);
        }

        return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root
            ? root
            : throw new InvalidDataException("The template is not a YAML or JSON mapping.");
    }

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>A scalar's text; null for a missing node. A YAML null (<c>~</c>) is not a default of "".</summary>
    private static string? Scalar(YamlNode? node) => node is YamlScalarNode { Value: var value } scalar
        && !(scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && value is "~" or "null" && scalar.Tag.IsEmpty)
        ? value
        : null;
}

using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Wso2Serverless.Domain.Preflight;

/// <summary>
/// A CloudFormation template as JSON nodes, whether it was written in JSON or YAML: YAML's short
/// forms become the long ones (<c>!Ref X</c> → <c>{"Ref": "X"}</c>, <c>!FindInMap [...]</c> →
/// <c>{"Fn::FindInMap": [...]}</c>, <c>!GetAtt A.B</c> → <c>{"Fn::GetAtt": ["A", "B"]}</c>), and
/// every YAML scalar is a string, as CloudFormation reads it. Preflight needs what
/// GetTemplateSummary leaves out: mappings, constraints and the resources' properties.
/// </summary>
public sealed class TemplateDocument
{
    private TemplateDocument(JsonObject root) => Root = root;

    public JsonObject Root { get; }

    public JsonObject Parameters => Section("Parameters");
    public JsonObject Mappings => Section("Mappings");
    public JsonObject Conditions => Section("Conditions");
    public JsonObject Resources => Section("Resources");

    public static TemplateDocument Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var trimmed = body.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                return new TemplateDocument(JsonNode.Parse(trimmed)?.AsObject() ?? throw new InvalidDataException("The template is empty."));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"The template is not valid JSON: {e.Message}", e);
            }
        }

        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(body);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"The template is not valid YAML: {e.Message}", e);
        }

        return stream.Documents.Count > 0 && Convert(stream.Documents[0].RootNode) is JsonObject root
            ? new TemplateDocument(root)
            : throw new InvalidDataException("The template is not a YAML or JSON mapping.");
    }

    private JsonObject Section(string name) => Root[name] as JsonObject ?? [];

    private static JsonNode? Convert(YamlNode node)
    {
        JsonNode? converted = node switch
        {
            YamlMappingNode mapping => ConvertMapping(mapping),
            YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
            YamlScalarNode scalar => Scalar(scalar),
            _ => null,
        };
        return node.Tag.IsEmpty || node.Tag.Value is "tag:yaml.org,2002:str" ? converted : ShortForm(node.Tag.Value, node, converted);
    }

    private static JsonObject ConvertMapping(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            result[((YamlScalarNode)key).Value ?? ""] = Convert(value);
        }

        return result;
    }

    private static JsonValue? Scalar(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty && scalar.Value is "~" or "null" or "" ? null : JsonValue.Create(scalar.Value ?? "");

    /// <summary><c>!Ref</c> and <c>!Condition</c> keep their names; every other tag is <c>Fn::</c> plus its name.</summary>
    private static JsonObject ShortForm(string tag, YamlNode node, JsonNode? value)
    {
        var name = tag.TrimStart('!');
        if (name == "GetAtt" && node is YamlScalarNode { Value: { } text } && text.IndexOf('.', StringComparison.Ordinal) is var dot and > 0)
        {
            value = new JsonArray(JsonValue.Create(text[..dot]), JsonValue.Create(text[(dot + 1)..]));
        }

        return new JsonObject { [name is "Ref" or "Condition" ? name : "Fn::" + name] = value ?? JsonValue.Create("") };
    }
}

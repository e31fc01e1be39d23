using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wso2Serverless.Templates.Tests.ServerlessTemplate;

/// <summary>
/// Writes serverless.template in its one layout (two-space indent, "key": value, non-ASCII as
/// is), so a generated part changes only its own lines. The layout is Python's
/// <c>json.dumps(indent=2, ensure_ascii=False)</c>, which the template has always had.
/// </summary>
internal static class TemplateJson
{
    public static string Write(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(text, node, 0);
        return text.Append('\n').ToString();
    }

    private static void Write(StringBuilder text, JsonNode? node, int depth)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj when obj.Count == 0:
                text.Append("{}");
                break;
            case JsonObject obj:
                text.Append("{\n");
                var i = 0;
                foreach (var (key, value) in obj)
                {
                    Indent(text, depth + 1);
                    Quote(text, key);
                    text.Append(": ");
                    Write(text, value, depth + 1);
                    text.Append(++i < obj.Count ? ",\n" : "\n");
                }

                Indent(text, depth);
                text.Append('}');
                break;
            case JsonArray array when array.Count == 0:
                text.Append("[]");
                break;
            case JsonArray array:
                text.Append("[\n");
                for (var j = 0; j < array.Count; j++)
                {
                    Indent(text, depth + 1);
                    Write(text, array[j], depth + 1);
                    text.Append(j + 1 < array.Count ? ",\n" : "\n");
                }

                Indent(text, depth);
                text.Append(']');
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                Quote(text, value.GetValue<string>());
                break;
            default:
                // Numbers, booleans: as they were written.
                text.Append(node.ToJsonString());
                break;
        }
    }

    private static void Indent(StringBuilder text, int depth) => text.Append(' ', depth * 2);

    private static void Quote(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                < ' ' => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => c.ToString(),
            });
        }

        text.Append('"');
    }
}

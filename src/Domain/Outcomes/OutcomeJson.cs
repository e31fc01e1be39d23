using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Wso2Serverless.Domain.Outcomes;

/// <summary>
/// Writes the small JSON objects that become SendTaskSuccess outputs. Utf8JsonWriter instead of
/// a serializer: flat string/number maps need no type metadata, and nothing here can trim away.
/// </summary>
internal static class OutcomeJson
{
    public static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

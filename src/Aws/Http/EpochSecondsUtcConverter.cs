using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wso2Serverless.Aws.Http;

/// <summary>
/// Epoch seconds with a fraction (1700000000.123), as the JSON protocols send timestamps, to a
/// UTC <see cref="DateTime"/> (what AWSSDK's SSM model uses).
/// </summary>
public sealed class EpochSecondsUtcConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? DateTime.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)
            : DateTime.UnixEpoch.AddMilliseconds(Math.Round(reader.GetDouble() * 1000));

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue((value.ToUniversalTime() - DateTime.UnixEpoch).TotalMilliseconds / 1000.0);
    }
}

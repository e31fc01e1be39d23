using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Wso2Serverless.Runtime;

/// <summary>
/// <see cref="IJsonLog"/> as one JSON object per line, written with <see cref="Utf8JsonWriter"/>
/// (no reflection, so it stays AOT-safe). CloudWatch Logs Insights reads the fields directly:
/// <c>timestamp, level, message, function, requestId, deploymentId</c>, then the caller's
/// fields, then <c>exception</c>. Every string goes through the <see cref="SecretRedactor"/>.
/// One instance serves one invocation (the runtime makes a new one per event), so the
/// deployment id of one event never leaks onto the lines of the next.
/// </summary>
public sealed class JsonLog : IJsonLog
{
    public const string LevelInfo = "INFO";
    public const string LevelWarn = "WARN";
    public const string LevelError = "ERROR";

    // Inner exceptions beyond this depth add noise, not insight.
    private const int MaxExceptionDepth = 3;

    private static readonly HashSet<string> ReservedKeys =
        new(StringComparer.Ordinal) { "timestamp", "level", "message", "function", "requestId", "deploymentId", "exception" };

    // Logs are read by people in the CloudWatch console and never embedded in HTML: the relaxed
    // encoder keeps quotes, '+' and '<' readable (the default would write \u0027, \u002B).
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TextWriter output;
    private readonly TimeProvider time;
    private string? deploymentId;

    public JsonLog(TextWriter output, string function, string? requestId, SecretRedactor redactor, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(redactor);
        this.output = output;
        Function = function ?? "";
        RequestId = requestId;
        Redactor = redactor;
        this.time = time ?? TimeProvider.System;
    }

    public string Function { get; }

    public string? RequestId { get; }

    public string? DeploymentId => deploymentId;

    public SecretRedactor Redactor { get; }

    public void SetDeploymentId(string deploymentId) => this.deploymentId = deploymentId;

    public void Info(string message, params (string Key, object? Value)[] fields) => Write(LevelInfo, message, null, fields);

    public void Warn(string message, params (string Key, object? Value)[] fields) => Write(LevelWarn, message, null, fields);

    public void Error(string message, Exception? exception = null, params (string Key, object? Value)[] fields) =>
        Write(LevelError, message, exception, fields);

    public void Raw(string jsonLine)
    {
        if (string.IsNullOrWhiteSpace(jsonLine))
        {
            return;
        }

        // One line per record is what CloudWatch (and EMF) expect; a stray newline would split it.
        var line = Redactor.RedactText(jsonLine).ReplaceLineEndings(" ");
        WriteLine(line);
    }

    private void Write(string level, string message, Exception? exception, (string Key, object? Value)[]? fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("timestamp", time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("level", level);
            writer.WriteString("message", Redactor.RedactText(message));
            writer.WriteString("function", Function);
            if (RequestId is not null)
            {
                writer.WriteString("requestId", RequestId);
            }

            if (deploymentId is not null)
            {
                writer.WriteString("deploymentId", Redactor.RedactText(deploymentId));
            }

            foreach (var (key, value) in fields ?? [])
            {
                if (string.IsNullOrEmpty(key))
                {
                    continue;
                }

                // A field may not overwrite the fixed ones: queries rely on them.
                writer.WritePropertyName(ReservedKeys.Contains(key) ? "field." + key : key);
                if (SecretRedactor.IsSecretKey(key) && value is not null)
                {
                    writer.WriteStringValue(SecretRedactor.Mask);
                }
                else
                {
                    WriteValue(writer, value, 0);
                }
            }

            if (exception is not null)
            {
                writer.WritePropertyName("exception");
                WriteException(writer, exception, 0);
            }

            writer.WriteEndObject();
        }

        WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private void WriteValue(Utf8JsonWriter writer, object? value, int depth)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(Redactor.RedactText(s));
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int or long or short or byte or sbyte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong u:
                writer.WriteNumberValue(u);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case double or float when Convert.ToDouble(value, CultureInfo.InvariantCulture) is var d && double.IsFinite(d):
                writer.WriteNumberValue(d);
                break;
            case DateTimeOffset dto:
                writer.WriteStringValue(dto.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateTime dt:
                writer.WriteStringValue(dt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
                break;
            case TimeSpan ts:
                writer.WriteStringValue(ts.ToString("c", CultureInfo.InvariantCulture));
                break;
            case Guid g:
                writer.WriteStringValue(g);
                break;
            case Exception e:
                WriteException(writer, e, depth);
                break;
            case IEnumerable<string?> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(writer, item, depth);
                }

                writer.WriteEndArray();
                break;
            default:
                // Enums, numbers that are not finite, and anything else: their invariant text.
                writer.WriteStringValue(Redactor.RedactText(Convert.ToString(value, CultureInfo.InvariantCulture)));
                break;
        }
    }

    private void WriteException(Utf8JsonWriter writer, Exception exception, int depth)
    {
        writer.WriteStartObject();
        writer.WriteString("type", exception.GetType().FullName ?? exception.GetType().Name);
        writer.WriteString("errorType", ErrorTypes.Of(exception));
        writer.WriteString("message", Redactor.RedactText(exception.Message));
        if (exception.StackTrace is { Length: > 0 } stack)
        {
            writer.WriteString("stackTrace", Redactor.RedactText(stack));
        }

        if (exception.InnerException is { } inner && depth < MaxExceptionDepth)
        {
            writer.WritePropertyName("inner");
            WriteException(writer, inner, depth + 1);
        }

        writer.WriteEndObject();
    }

    private void WriteLine(string line)
    {
        // Whole lines only, even if a handler logs from several tasks at once.
        lock (output)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}

using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Wso2Serverless.Runtime;

/// <summary>
/// <see cref="IJsonLog"/> as one JSON object per line, written with <see cref="Utf8JsonWriter"/>
/// (no reflection, so it stays AOT-safe), with the standard keys of Powertools for AWS Lambda
/// (.NET) so its dashboards and queries read our lines: <c>level</c> (Information, Warning,
/// Error), <c>message</c>, <c>timestamp</c> (ISO 8601 UTC, 100 ns), <c>service</c>,
/// <c>cold_start</c>, <c>function_name</c>, <c>function_request_id</c>, <c>xray_trace_id</c>, then
/// <c>deploymentId</c> and <c>phase</c> once known, the caller's fields, and <c>exception</c>.
/// Every string goes through the <see cref="SecretRedactor"/>. One instance serves one invocation
/// (the runtime makes a new one per event), so the scope of one event never leaks onto the next.
/// </summary>
public sealed class JsonLog : IJsonLog
{
    // Powertools .NET writes Microsoft.Extensions.Logging's level names.
    public const string LevelInfo = "Information";
    public const string LevelWarn = "Warning";
    public const string LevelError = "Error";

    /// <summary>Powertools' variable for the service name; ours when it is not set.</summary>
    public const string ServiceVariable = "POWERTOOLS_SERVICE_NAME";
    public const string DefaultServiceName = "wso2-serverless";

    /// <summary>The keys this logger writes itself, in the order it writes them.</summary>
    public static IReadOnlyList<string> StandardKeys { get; } =
        ["level", "message", "timestamp", "service", "cold_start", "function_name", "function_request_id", "xray_trace_id", "deploymentId", "phase"];

    // Inner exceptions beyond this depth add noise, not insight.
    private const int MaxExceptionDepth = 3;

    private static readonly HashSet<string> FixedKeys =
        new(StringComparer.Ordinal) { "level", "message", "timestamp", "service", "cold_start", "function_name", "function_request_id", "xray_trace_id", "exception" };

    private static readonly string ServiceFromEnvironment =
        Environment.GetEnvironmentVariable(ServiceVariable) is { Length: > 0 } configured ? configured : DefaultServiceName;

    // Logs are read by people in the CloudWatch console and never embedded in HTML: the relaxed
    // encoder keeps quotes, '+' and '<' readable (the default would write \u0027, \u002B).
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TextWriter output;
    private readonly TimeProvider time;
    private string? deploymentId;
    private string? phase;

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

    public string? Phase => phase;

    public SecretRedactor Redactor { get; }

    /// <summary>The first invocation of this execution environment (and its init lines).</summary>
    public bool ColdStart { get; init; }

    /// <summary>The invocation's trace header (<c>Root=1-...;Parent=...;Sampled=1</c>); its root is logged.</summary>
    public string? TraceHeader { get; init; }

    public string Service { get; init; } = ServiceFromEnvironment;

    public void SetDeploymentId(string deploymentId) => this.deploymentId = deploymentId;

    public void SetPhase(string phase) => this.phase = phase;

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

    /// <summary>X-Ray's trace id is the header's <c>Root</c> (what Powertools logs as <c>xray_trace_id</c>).</summary>
    public static string? TraceIdOf(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        foreach (var part in header.Split(';', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("Root=", StringComparison.Ordinal))
            {
                return part["Root=".Length..];
            }
        }

        return null;
    }

    private void Write(string level, string message, Exception? exception, (string Key, object? Value)[]? fields)
    {
        fields ??= [];
        // A field named deploymentId or phase sets that key for this line (e.g. one line per phase of a run).
        var lineDeployment = FieldText(fields, "deploymentId") ?? deploymentId;
        var linePhase = FieldText(fields, "phase") ?? phase;
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("level", level);
            writer.WriteString("message", Redactor.RedactText(message));
            writer.WriteString("timestamp", time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("service", Service);
            writer.WriteBoolean("cold_start", ColdStart);
            writer.WriteString("function_name", Function);
            if (RequestId is not null)
            {
                writer.WriteString("function_request_id", RequestId);
            }

            if (TraceIdOf(TraceHeader) is { } traceId)
            {
                writer.WriteString("xray_trace_id", traceId);
            }

            if (lineDeployment is not null)
            {
                writer.WriteString("deploymentId", Redactor.RedactText(lineDeployment));
            }

            if (linePhase is not null)
            {
                writer.WriteString("phase", Redactor.RedactText(linePhase));
            }

            foreach (var (key, value) in fields)
            {
                if (string.IsNullOrEmpty(key) || (key is "deploymentId" or "phase" && value is not null))
                {
                    continue;
                }

                // A field may not overwrite the fixed ones: queries rely on them.
                writer.WritePropertyName(FixedKeys.Contains(key) || key is "deploymentId" or "phase" ? "field." + key : key);
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

    private static string? FieldText((string Key, object? Value)[] fields, string key)
    {
        foreach (var (name, value) in fields)
        {
            if (name == key && value is not null)
            {
                return Convert.ToString(value, CultureInfo.InvariantCulture);
            }
        }

        return null;
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

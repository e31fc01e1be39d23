using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Wso2Serverless.Runtime;

/// <summary>
/// Keeps secrets out of log lines and out of the errors posted to the Runtime API (which end up
/// in Step Functions execution histories). Three layers, because no single one is enough:
/// <list type="number">
/// <item>structured fields whose key looks secret (<see cref="IsSecretKey"/>) are written as
/// <see cref="Mask"/> whatever their value;</item>
/// <item>known secret values (registered with <see cref="Register"/> or <see cref="Add"/>, and
/// those found under secret-looking keys of the invocation payload by <see cref="Harvest"/>) are
/// masked wherever they occur, in messages, fields, exception messages and stack traces;</item>
/// <item>free text of the shape <c>password=…</c> or <c>"dbPassword":"…"</c> has its value
/// masked, for secrets nobody registered.</item>
/// </list>
/// A Step Functions task token counts as a secret: it is not a product credential, but whoever
/// holds it can complete or fail the task, so it is a bearer credential and is masked too
/// (its correlation key, not the token, is what identifies a wait in logs).
/// </summary>
public sealed partial class SecretRedactor
{
    public const string Mask = "***";

    /// <summary>Values shorter than this are not registered: masking "ab" everywhere would wreck every line.</summary>
    public const int MinimumSecretLength = 4;

    // Compared against the key lower-cased with '_', '-' and '.' removed.
    private static readonly string[] SecretKeyParts =
    [
        "password", "passwd", "pwd", "passphrase", "secret", "token", "credential", "apikey",
        "authorization", "privatekey", "sessionkey", "connectionstring", "signature",
    ];

    // Tokens that are identifiers, not credentials: masking them would only hide what a
    // reader needs (CloudFormation's ClientRequestToken is derived from the deployment id).
    private static readonly string[] NotSecretKeyParts =
    [
        "clientrequesttoken", "nexttoken", "paginationtoken", "continuationtoken", "idempotencytoken",
    ];

    private readonly SecretRedactor? parent;
    private readonly Lock gate = new();
    private volatile string[] values = [];

    public SecretRedactor()
        : this(null)
    {
    }

    private SecretRedactor(SecretRedactor? parent) => this.parent = parent;

    /// <summary>The process-wide redactor: values registered here are masked for the life of the process.</summary>
    public static SecretRedactor Default { get; } = new();

    /// <summary>Registers a secret value process-wide (e.g. right after reading it from SSM).</summary>
    public static void Register(string? value) => Default.Add(value);

    /// <summary>True when a field or property of this name holds a secret.</summary>
    public static bool IsSecretKey(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return false;
        }

        Span<char> buffer = key.Length <= 128 ? stackalloc char[key.Length] : new char[key.Length];
        var length = 0;
        foreach (var c in key)
        {
            if (c is not ('_' or '-' or '.' or ' '))
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        ReadOnlySpan<char> normalized = buffer[..length];
        foreach (var part in NotSecretKeyParts)
        {
            if (normalized.Contains(part, StringComparison.Ordinal))
            {
                return false;
            }
        }

        foreach (var part in SecretKeyParts)
        {
            if (normalized.Contains(part, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A redactor that knows this one's values plus its own; the runtime makes one per invocation
    /// so that values harvested from one event do not accumulate for the life of the process.
    /// </summary>
    public SecretRedactor CreateScope() => new(this);

    /// <summary>Adds a secret value to this redactor (and its scopes).</summary>
    public void Add(string? value)
    {
        if (value is null || value.Length < MinimumSecretLength)
        {
            return;
        }

        // The JSON-escaped forms too: a secret with a quote, a backslash or a '+' shows up
        // escaped inside a payload that someone logs as text (relaxed or default encoder).
        string[] forms =
        [
            value,
            JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString(),
            JsonEncodedText.Encode(value).ToString(),
        ];
        lock (gate)
        {
            var next = new List<string>(values);
            foreach (var form in forms)
            {
                if (!next.Contains(form))
                {
                    next.Add(form);
                }
            }

            // Longest first, so a secret that contains another is masked whole.
            next.Sort(static (a, b) => b.Length.CompareTo(a.Length));
            values = [.. next];
        }
    }

    /// <summary>
    /// Registers every string found under a secret-looking key of a JSON document (at any depth).
    /// Not JSON: nothing happens; the text rules still apply to whatever gets logged.
    /// </summary>
    public void Harvest(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty)
        {
            return;
        }

        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            string? property = null;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString();
                        break;
                    case JsonTokenType.String when IsSecretKey(property):
                        Add(reader.GetString());
                        break;
                    case JsonTokenType.StartObject:
                        property = null;
                        break;
                    default:
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // A payload that is not JSON has no keys to trust; the text rules still run.
        }
    }

    /// <summary>Masks known secret values and <c>key=value</c> shaped secrets in free text.</summary>
    public string RedactText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        var result = MaskKnownValues(text);
        return SecretAssignment().Replace(result, static m =>
            IsSecretKey(m.Groups["key"].Value) ? string.Concat(m.Groups["key"].Value, m.Groups["sep"].Value, Mask) : m.Value);
    }

    private string MaskKnownValues(string text)
    {
        for (var scope = this; scope is not null; scope = scope.parent)
        {
            foreach (var secret in scope.values)
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    // key, then ':' or '=' with optional (escaped) quotes around, then the value up to a delimiter.
    [GeneratedRegex("""(?<key>[A-Za-z0-9_.\-]*(?:password|passwd|pwd|passphrase|secret|token|credential|api[_\-]?key|private[_\-]?key)[A-Za-z0-9_.\-]*)(?<sep>\\?"?\s*[:=]\s*\\?"?)(?<value>[^"\\\s,;&}\]]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SecretAssignment();
}

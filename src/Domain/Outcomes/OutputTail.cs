using System.Text;
using System.Text.RegularExpressions;

namespace Wso2Serverless.Domain.Outcomes;

/// <summary>
/// Cuts a command's output down to what fits in a phase record: Puppet's <c>Error:</c> lines
/// first (they say why, and a long run buries them thousands of lines up), then the end of
/// the output, together at most <see cref="MaxBytes"/> UTF-8 bytes.
/// </summary>
public static partial class OutputTail
{
    public const int MaxBytes = 2048;
    private const string Separator = "\n[...]\n";

    /// <summary>Puppet's error lines, colour codes removed, in the order they were printed.</summary>
    public static IReadOnlyList<string> ErrorLines(string? output) =>
        Lines(output).Where(l => l.StartsWith("Error:", StringComparison.Ordinal)).ToList();

    public static string Of(string? output, int maxBytes = MaxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 64);
        var clean = string.Join('\n', Lines(output)).TrimEnd();
        if (Encoding.UTF8.GetByteCount(clean) <= maxBytes)
        {
            return clean;
        }

        var errors = string.Join('\n', ErrorLines(output));
        if (errors.Length == 0)
        {
            return LastBytes(clean, maxBytes);
        }

        // Errors get up to three quarters; the rest shows how the run ended.
        var head = FirstBytes(errors, (maxBytes * 3) / 4);
        var remaining = maxBytes - Encoding.UTF8.GetByteCount(head) - Encoding.UTF8.GetByteCount(Separator);
        return remaining <= 0 ? head : head + Separator + LastBytes(clean, remaining);
    }

    /// <summary>The longest prefix of <paramref name="text"/> of at most <paramref name="maxBytes"/> UTF-8 bytes, never splitting a character.</summary>
    public static string FirstBytes(string text, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        var used = 0;
        var chars = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (used + rune.Utf8SequenceLength > maxBytes)
            {
                break;
            }

            used += rune.Utf8SequenceLength;
            chars += rune.Utf16SequenceLength;
        }

        return text[..chars];
    }

    /// <summary>The longest suffix of at most <paramref name="maxBytes"/> UTF-8 bytes, starting at a line when one fits.</summary>
    public static string LastBytes(string text, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        var used = 0;
        var start = text.Length;
        while (start > 0)
        {
            if (Rune.DecodeLastFromUtf16(text.AsSpan(0, start), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                consumed = 1;
                rune = Rune.ReplacementChar;
            }

            if (used + rune.Utf8SequenceLength > maxBytes)
            {
                break;
            }

            used += rune.Utf8SequenceLength;
            start -= consumed;
        }

        var tail = text[start..];
        var newline = tail.IndexOf('\n', StringComparison.Ordinal);
        return start > 0 && newline >= 0 && newline < tail.Length - 1 ? tail[(newline + 1)..] : tail;
    }

    private static IEnumerable<string> Lines(string? output) =>
        string.IsNullOrEmpty(output)
            ? []
            : AnsiEscape().Replace(output, "").Split('\n').Select(l => l.TrimEnd('\r').Trim());

    [GeneratedRegex(@"\x1B\[[0-9;]*[A-Za-z]")]
    private static partial Regex AnsiEscape();
}

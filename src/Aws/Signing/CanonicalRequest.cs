using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Wso2Serverless.Aws.Signing;

/// <summary>
/// The SigV4 canonical request, built by hand because AWSSDK.Core's signer only exposes the last
/// step (<c>ComputeSignature</c>) for requests that are not its own <c>IRequest</c>. Every rule here
/// is one AWS documents; the published test vectors pin them.
/// </summary>
public static class CanonicalRequest
{
    /// <summary>The hex SHA-256 of an empty payload, which is what GET requests sign.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>Builds the canonical request and the signed-headers list that goes with it.</summary>
    /// <param name="encodedPath">The path as it goes on the wire (already percent-encoded once).</param>
    /// <param name="encodedQuery">The query string as it goes on the wire, with or without the leading '?'.</param>
    /// <param name="headers">The headers to sign; names in any case.</param>
    /// <param name="encodePathAgain">False for S3, whose canonical path is the wire path as it is.</param>
    public static (string Canonical, string SignedHeaders) Build(
        string method,
        string encodedPath,
        string encodedQuery,
        IEnumerable<KeyValuePair<string, string>> headers,
        string payloadHash,
        bool encodePathAgain = true)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(headers);

        // Header names are case-insensitive on the wire, so duplicates merge under the lowercase name.
        var canonicalHeaders = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            var key = name.Trim().ToLowerInvariant();
            if (!canonicalHeaders.TryGetValue(key, out var values))
            {
                canonicalHeaders[key] = values = [];
            }

            values.Add(CollapseSpaces(value));
        }

        var signedHeaders = string.Join(';', canonicalHeaders.Keys);
        var builder = new StringBuilder();
        builder.Append(method.ToUpperInvariant()).Append('\n');
        builder.Append(encodePathAgain ? CanonicalPath(encodedPath) : (string.IsNullOrEmpty(encodedPath) ? "/" : encodedPath)).Append('\n');
        builder.Append(CanonicalQuery(encodedQuery)).Append('\n');
        foreach (var (name, values) in canonicalHeaders)
        {
            builder.Append(name).Append(':').Append(string.Join(',', values)).Append('\n');
        }

        builder.Append('\n');
        builder.Append(signedHeaders).Append('\n');
        builder.Append(payloadHash);
        return (builder.ToString(), signedHeaders);
    }

    public static string HashPayload(ReadOnlySpan<byte> payload) =>
        Convert.ToHexStringLower(SHA256.HashData(payload));

    /// <summary>
    /// Every service but S3 wants each path segment encoded again on top of the wire encoding, and
    /// an empty path is "/".
    /// </summary>
    internal static string CanonicalPath(string encodedPath)
    {
        if (string.IsNullOrEmpty(encodedPath) || encodedPath == "/")
        {
            return "/";
        }

        var segments = encodedPath.Split('/');
        return string.Join('/', segments.Select(Rfc3986Encode));
    }

    /// <summary>Parameters decoded, re-encoded the RFC 3986 way, and sorted by name then value (ordinal).</summary>
    internal static string CanonicalQuery(string encodedQuery)
    {
        var query = encodedQuery.StartsWith('?') ? encodedQuery[1..] : encodedQuery;
        if (query.Length == 0)
        {
            return "";
        }

        var pairs = query
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(static part =>
            {
                var equals = part.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? part : part[..equals];
                var value = equals < 0 ? "" : part[(equals + 1)..];
                return (Name: Rfc3986Encode(Decode(name)), Value: Rfc3986Encode(Decode(value)));
            })
            .OrderBy(static p => p.Name, StringComparer.Ordinal)
            .ThenBy(static p => p.Value, StringComparer.Ordinal);
        return string.Join('&', pairs.Select(static p => p.Name + "=" + p.Value));
    }

    /// <summary>
    /// RFC 3986 unreserved characters stay, everything else is %XX with uppercase hex, over UTF-8.
    /// <see cref="Uri.EscapeDataString(string)"/> does exactly that on .NET (Core).
    /// </summary>
    internal static string Rfc3986Encode(string value) => Uri.EscapeDataString(value);

    // '+' in a query means a space only in form encoding; SigV4 treats it literally once decoded by
    // the URI rules, but the SDKs never emit it, and decoding it as a space matches what servers do.
    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

    /// <summary>Trims and collapses runs of spaces to one, as the canonical header value requires.</summary>
    private static string CollapseSpaces(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.Contains("  ", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var builder = new StringBuilder(trimmed.Length);
        var previousSpace = false;
        foreach (var c in trimmed)
        {
            if (c == ' ' && previousSpace)
            {
                continue;
            }

            previousSpace = c == ' ';
            builder.Append(c);
        }

        return builder.ToString();
    }

    internal static string AmzDate(DateTime utc) => utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}

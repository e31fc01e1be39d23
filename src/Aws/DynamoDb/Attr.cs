using System.Globalization;
using Wso2Serverless.Aws.DynamoDb.Model;

namespace Wso2Serverless.Aws.DynamoDb;

/// <summary>
/// AttributeValue building and reading without DynamoDBContext (which reflects and is not AOT-safe).
/// Times are stored as fixed-width UTC ISO strings so that they sort as text in keys.
/// </summary>
internal static class Attr
{
    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue Bool(bool value) => new() { BOOL = value };

    public static AttributeValue Time(DateTimeOffset value) => S(Iso(value));

    public static AttributeValue Map(Dictionary<string, AttributeValue> map) => new() { M = map };

    public static AttributeValue List(List<AttributeValue> list) => new() { L = list };

    public static AttributeValue StringMap(IReadOnlyDictionary<string, string> values) =>
        Map(values.ToDictionary(p => p.Key, p => S(p.Value), StringComparer.Ordinal));

    /// <summary>Fixed width (7 fraction digits, 'Z'), so text order is time order.</summary>
    public static string Iso(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseIso(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static long EpochSeconds(DateTimeOffset value) => value.ToUnixTimeSeconds();

    public static string? GetS(this Dictionary<string, AttributeValue>? item, string name) =>
        item is not null && item.TryGetValue(name, out var v) && v.S is not null ? v.S : null;

    public static string RequireS(this Dictionary<string, AttributeValue> item, string name) =>
        item.GetS(name) ?? throw new InvalidDataException($"Stored item lacks attribute '{name}'.");

    public static long? GetN(this Dictionary<string, AttributeValue>? item, string name) =>
        item is not null && item.TryGetValue(name, out var v) && v.N is not null
            ? long.Parse(v.N, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : null;

    public static bool GetBool(this Dictionary<string, AttributeValue>? item, string name) =>
        item is not null && item.TryGetValue(name, out var v) && v.BOOL == true;

    public static DateTimeOffset? GetTime(this Dictionary<string, AttributeValue>? item, string name) =>
        item.GetS(name) is { } s ? ParseIso(s) : null;

    public static Dictionary<string, AttributeValue>? GetM(this Dictionary<string, AttributeValue>? item, string name) =>
        item is not null && item.TryGetValue(name, out var v) && v.M is not null ? v.M : null;

    public static List<AttributeValue>? GetL(this Dictionary<string, AttributeValue>? item, string name) =>
        item is not null && item.TryGetValue(name, out var v) && v.L is not null ? v.L : null;

    public static IReadOnlySet<string> GetSS(this Dictionary<string, AttributeValue>? item, string name) =>
        item is not null && item.TryGetValue(name, out var v) && v.SS is { Count: > 0 } set
            ? new HashSet<string>(set, StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);

    public static Dictionary<string, string> GetStringMap(this Dictionary<string, AttributeValue>? item, string name) =>
        item.GetM(name)?.Where(p => p.Value.S is not null).ToDictionary(p => p.Key, p => p.Value.S!, StringComparer.Ordinal)
        ?? new Dictionary<string, string>(StringComparer.Ordinal);

    public static Dictionary<string, AttributeValue> Key(string pk, string sk) => new(StringComparer.Ordinal)
    {
        [PhaseTable.PartitionKey] = S(pk),
        [PhaseTable.SortKey] = S(sk),
    };
}

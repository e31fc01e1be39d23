using System.Text.Json;
using Wso2Serverless.Cli.Tests.Support;

namespace Wso2Serverless.Cli.Tests.Signing;

/// <summary>One of AWS's published SigV4 test vectors (../shared/sigv4/vectors.json).</summary>
public sealed record SigV4Vector(
    string Name, string AccessKeyId, string SecretAccessKey, string Region, string Service, string Method, string Path,
    IReadOnlyList<KeyValuePair<string, string>> Headers, string Body, string ExpectedAuthorization)
{
    public static IReadOnlyList<SigV4Vector> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Shared("sigv4", "vectors.json")));
        return [.. document.RootElement.EnumerateArray().Select(static v => new SigV4Vector(
            S(v, "name"), S(v, "accessKeyId"), S(v, "secretAccessKey"), S(v, "region"), S(v, "service"), S(v, "method"), S(v, "path"),
            [.. v.GetProperty("headers").EnumerateObject().Select(static h => new KeyValuePair<string, string>(h.Name, h.Value.GetString()!))],
            S(v, "body"), S(v, "expectedAuthorization")))];
    }

    public static SigV4Vector Named(string name) => Load().Single(v => v.Name == name);

    public string Header(string name) => Headers.Single(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    public DateTimeOffset SignedAt => DateTimeOffset.ParseExact(Header("X-Amz-Date"), "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture,
        System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal);

    private static string S(JsonElement element, string name) => element.GetProperty(name).GetString()!;
}

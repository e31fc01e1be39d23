using System.Text.Json;

namespace Wso2Serverless.Aws.Tests.Signing;

/// <summary>One of AWS's published SigV4 test vectors, read from the shared folder beside the clone.</summary>
public sealed record SigV4Vector(
    string Name,
    string AccessKeyId,
    string SecretAccessKey,
    string Region,
    string Service,
    string Method,
    string Path,
    string Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string Body,
    string ExpectedCanonicalRequest,
    string ExpectedAuthorization)
{
    public static IReadOnlyList<SigV4Vector> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(VectorsPath()));
        return [.. document.RootElement.EnumerateArray().Select(static v => new SigV4Vector(
            S(v, "name"),
            S(v, "accessKeyId"),
            S(v, "secretAccessKey"),
            S(v, "region"),
            S(v, "service"),
            S(v, "method"),
            S(v, "path"),
            S(v, "query"),
            [.. v.GetProperty("headers").EnumerateObject().Select(static h => new KeyValuePair<string, string>(h.Name, h.Value.GetString()!))],
            S(v, "body"),
            S(v, "expectedCanonicalRequest"),
            S(v, "expectedAuthorization")))];
    }

    public static SigV4Vector Named(string name) => Load().Single(v => v.Name == name);

    public string Header(string name) => Headers.Single(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The repository root holds Wso2Serverless.sln; the vectors sit in ../shared beside it.</summary>
    private static string VectorsPath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Wso2Serverless.sln")))
        {
            directory = directory.Parent;
        }

        if (directory?.Parent is null)
        {
            throw new FileNotFoundException("Wso2Serverless.sln not found above " + AppContext.BaseDirectory);
        }

        return System.IO.Path.Combine(directory.Parent.FullName, "shared", "sigv4", "vectors.json");
    }

    private static string S(JsonElement element, string name) => element.GetProperty(name).GetString()!;
}

namespace Wso2Serverless.StandIns.Iam;

/// <summary>
/// An AWS API request as the mapping reads it, whoever sends it (a thin client, an SDK client, a
/// stand-in's port): the service's signing name, the operation and its parameters flattened to
/// paths (<c>TransactItems.0.Put.TableName</c>, <c>Tags.member.1.Key</c>).
/// </summary>
public sealed record AwsRequest(string Service, string Operation, IReadOnlyDictionary<string, string> Fields)
{
    public string? this[string path] => Fields.TryGetValue(path, out var value) ? value : null;

    /// <summary>The item paths of a list, in order: <c>Items("TransactItems")</c> is TransactItems.0, TransactItems.1 ...; query lists count from 1.</summary>
    public IReadOnlyList<string> Items(string listPath) =>
        [.. Fields.Keys
            .Where(k => k.StartsWith(listPath + ".", StringComparison.Ordinal))
            .Select(k => k[(listPath.Length + 1)..].Split('.')[0])
            .Distinct(StringComparer.Ordinal)
            .OrderBy(i => int.TryParse(i, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue)
            .Select(i => $"{listPath}.{i}")];
}

/// <summary>The account and region a request goes to (the recorder knows them; requests only name resources).</summary>
public sealed record CallerContext(string Region, string Account, string Partition = "aws");

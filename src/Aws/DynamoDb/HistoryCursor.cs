using System.Buffers.Text;
using System.Text;
using Wso2Serverless.Aws.DynamoDb.Model;

namespace Wso2Serverless.Aws.DynamoDb;

/// <summary>
/// The opaque paging cursor of an environment's history. It carries only the index sort key of
/// the last item returned: the other three keys of DynamoDB's LastEvaluatedKey follow from it and
/// the environment, which keeps cursors short and free of table internals.
/// </summary>
internal static class HistoryCursor
{
    public static string? Encode(Dictionary<string, AttributeValue>? lastEvaluatedKey) =>
        lastEvaluatedKey is { Count: > 0 } && lastEvaluatedKey.GetS(PhaseTable.Gsi1SortKey) is { } sortKey
            ? Base64Url.EncodeToString(Encoding.UTF8.GetBytes(sortKey))
            : null;

    public static Dictionary<string, AttributeValue>? Decode(string? cursor, string environment)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        string sortKey;
        try
        {
            sortKey = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("The history cursor is not valid.", nameof(cursor), ex);
        }

        // The sort key is "<ISO time>#<deployment id>"; ISO times hold no '#'.
        var hash = sortKey.IndexOf('#', StringComparison.Ordinal);
        if (hash <= 0 || hash == sortKey.Length - 1)
        {
            throw new ArgumentException("The history cursor is not valid.", nameof(cursor));
        }

        var key = Attr.Key(PhaseTable.DeploymentKey(sortKey[(hash + 1)..]), PhaseTable.MetaSort);
        key[PhaseTable.Gsi1PartitionKey] = Attr.S(PhaseTable.EnvironmentHistoryKey(environment));
        key[PhaseTable.Gsi1SortKey] = Attr.S(sortKey);
        return key;
    }
}

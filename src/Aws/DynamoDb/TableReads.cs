using Wso2Serverless.Aws.DynamoDb.Model;

namespace Wso2Serverless.Aws.DynamoDb;

/// <summary>Reads shared by the stores. Consistent, because every read here follows a write it must see.</summary>
internal static class TableReads
{
    public static async Task<Dictionary<string, AttributeValue>?> GetItemAsync(
        this DynamoDbClient client, string tableName, string pk, string sk, CancellationToken cancellationToken)
    {
        var response = await client.GetItemAsync(new GetItemRequest
        {
            TableName = tableName,
            Key = Attr.Key(pk, sk),
            ConsistentRead = true,
        }, cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? item : null;
    }
}

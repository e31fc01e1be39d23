namespace Wso2Serverless.Aws.DynamoDb.Model;

public sealed class GetItemRequest
{
    public string TableName { get; set; } = "";
    public Dictionary<string, AttributeValue> Key { get; set; } = [];
    public bool? ConsistentRead { get; set; }
    public string? ProjectionExpression { get; set; }
    public Dictionary<string, string>? ExpressionAttributeNames { get; set; }
}

public sealed class GetItemResponse
{
    /// <summary>Null when no item has the key.</summary>
    public Dictionary<string, AttributeValue>? Item { get; set; }
}

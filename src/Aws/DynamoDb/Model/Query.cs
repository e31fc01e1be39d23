namespace Wso2Serverless.Aws.DynamoDb.Model;

public sealed class QueryRequest
{
    public string TableName { get; set; } = "";
    public string? IndexName { get; set; }
    public string? KeyConditionExpression { get; set; }
    public string? FilterExpression { get; set; }
    public string? ProjectionExpression { get; set; }
    public Dictionary<string, string>? ExpressionAttributeNames { get; set; }
    public Dictionary<string, AttributeValue>? ExpressionAttributeValues { get; set; }
    public bool? ScanIndexForward { get; set; }
    public int? Limit { get; set; }
    public Dictionary<string, AttributeValue>? ExclusiveStartKey { get; set; }
    public bool? ConsistentRead { get; set; }
    public string? Select { get; set; }
}

public sealed class QueryResponse
{
    public List<Dictionary<string, AttributeValue>>? Items { get; set; }
    public int? Count { get; set; }
    public int? ScannedCount { get; set; }
    /// <summary>Set when there is more to read: pass it as the next request's <c>ExclusiveStartKey</c>.</summary>
    public Dictionary<string, AttributeValue>? LastEvaluatedKey { get; set; }
}

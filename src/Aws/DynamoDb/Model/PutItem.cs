namespace Wso2Serverless.Aws.DynamoDb.Model;

public sealed class PutItemRequest
{
    public string TableName { get; set; } = "";
    public Dictionary<string, AttributeValue> Item { get; set; } = [];
    public string? ConditionExpression { get; set; }
    public Dictionary<string, string>? ExpressionAttributeNames { get; set; }
    public Dictionary<string, AttributeValue>? ExpressionAttributeValues { get; set; }
    /// <summary><see cref="ReturnValue.NONE"/> or <see cref="ReturnValue.ALL_OLD"/>.</summary>
    public string? ReturnValues { get; set; }
    public string? ReturnValuesOnConditionCheckFailure { get; set; }
}

public sealed class PutItemResponse
{
    /// <summary>The item it replaced, when <c>ReturnValues</c> asked for it and there was one.</summary>
    public Dictionary<string, AttributeValue>? Attributes { get; set; }
}

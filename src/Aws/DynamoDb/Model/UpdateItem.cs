namespace Wso2Serverless.Aws.DynamoDb.Model;

public sealed class UpdateItemRequest
{
    public string TableName { get; set; } = "";
    public Dictionary<string, AttributeValue> Key { get; set; } = [];
    public string? UpdateExpression { get; set; }
    public string? ConditionExpression { get; set; }
    public Dictionary<string, string>? ExpressionAttributeNames { get; set; }
    public Dictionary<string, AttributeValue>? ExpressionAttributeValues { get; set; }
    public string? ReturnValues { get; set; }
    public string? ReturnValuesOnConditionCheckFailure { get; set; }
}

public sealed class UpdateItemResponse
{
    public Dictionary<string, AttributeValue>? Attributes { get; set; }
}

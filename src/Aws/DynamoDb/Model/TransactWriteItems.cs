namespace Wso2Serverless.Aws.DynamoDb.Model;

/// <summary>Up to 100 writes that all happen or none does (each may carry its own condition).</summary>
public sealed class TransactWriteItemsRequest
{
    public List<TransactWriteItem> TransactItems { get; set; } = [];
    /// <summary>Makes a retried call idempotent for ten minutes.</summary>
    public string? ClientRequestToken { get; set; }
}

public sealed class TransactWriteItemsResponse;

/// <summary>Exactly one of the four members is set.</summary>
public sealed class TransactWriteItem
{
    public ConditionCheck? ConditionCheck { get; set; }
    public Put? Put { get; set; }
    public Update? Update { get; set; }
    public Delete? Delete { get; set; }
}

public sealed class ConditionCheck
{
    public string TableName { get; set; } = "";
    public Dictionary<string, AttributeValue> Key { get; set; } = [];
    public string ConditionExpression { get; set; } = "";
    public Dictionary<string, string>? ExpressionAttributeNames { get; set; }
    public Dictionary<string, AttributeValue>? ExpressionAttributeValues { get; set; }
    public string? ReturnValuesOnConditionCheckFailure { get; set; }
}

public sealed class Put
{
    public string TableName { get; set; } = "";
    public Dictionary<string, AttributeValue> Item { get; set; } = [];
    public string? ConditionExpression { get; set; }
    public Dictionary<string, string>? ExpressionAttributeNames { get; set; }
    public Dictionary<string, AttributeValue>? ExpressionAttributeValues { get; set; }
    public string? ReturnValuesOnConditionCheckFailure { get; set; }
}

public sealed class Update
{
    public string TableName { get; set; } = "";
    public Dictionary<string, AttributeValue> Key { get; set; } = [];
    public string UpdateExpression { get; set; } = "";
    public string? ConditionExpression { get; set; }
    public Dictionary<string, string>? ExpressionAttributeNames { get; set; }
    public Dictionary<string, AttributeValue>? ExpressionAttributeValues { get; set; }
    public string? ReturnValuesOnConditionCheckFailure { get; set; }
}

public sealed class Delete
{
    public string TableName { get; set; } = "";
    public Dictionary<string, AttributeValue> Key { get; set; } = [];
    public string? ConditionExpression { get; set; }
    public Dictionary<string, string>? ExpressionAttributeNames { get; set; }
    public Dictionary<string, AttributeValue>? ExpressionAttributeValues { get; set; }
    public string? ReturnValuesOnConditionCheckFailure { get; set; }
}

/// <summary>Why one item of a cancelled transaction failed (<c>None</c> for those that did not).</summary>
public sealed class CancellationReason
{
    public string? Code { get; set; }
    public string? Message { get; set; }
    /// <summary>The item as it was, when the write asked for ALL_OLD on a failed condition.</summary>
    public Dictionary<string, AttributeValue>? Item { get; set; }
}

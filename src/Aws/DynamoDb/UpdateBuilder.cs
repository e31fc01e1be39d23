using Amazon.DynamoDBv2.Model;

namespace Wso2Serverless.Aws.DynamoDb;

/// <summary>
/// Builds an UpdateExpression with placeholder names and values, so attribute names never clash
/// with DynamoDB's reserved words (status, name, detail, ...).
/// </summary>
internal sealed class UpdateBuilder
{
    private readonly List<string> _set = [];
    private readonly List<string> _remove = [];

    public Dictionary<string, string> Names { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, AttributeValue> Values { get; } = new(StringComparer.Ordinal);

    public string Name(string attribute)
    {
        var placeholder = "#" + attribute;
        Names[placeholder] = attribute;
        return placeholder;
    }

    public string Value(AttributeValue value)
    {
        var placeholder = ":v" + Values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Values[placeholder] = value;
        return placeholder;
    }

    public UpdateBuilder Set(string attribute, AttributeValue value)
    {
        _set.Add($"{Name(attribute)} = {Value(value)}");
        return this;
    }

    /// <summary>Sets the attribute only when the item does not have it yet.</summary>
    public UpdateBuilder SetIfMissing(string attribute, AttributeValue value)
    {
        var name = Name(attribute);
        _set.Add($"{name} = if_not_exists({name}, {Value(value)})");
        return this;
    }

    public UpdateBuilder SetRaw(string expression)
    {
        _set.Add(expression);
        return this;
    }

    public UpdateBuilder Remove(string attribute)
    {
        _remove.Add(Name(attribute));
        return this;
    }

    public UpdateItemRequest ToRequest(string tableName, Dictionary<string, AttributeValue> key, string? condition = null)
    {
        var expression = "SET " + string.Join(", ", _set);
        if (_remove.Count > 0)
        {
            expression += " REMOVE " + string.Join(", ", _remove);
        }

        return new UpdateItemRequest
        {
            TableName = tableName,
            Key = key,
            UpdateExpression = expression,
            ConditionExpression = condition,
            ExpressionAttributeNames = Names,
            ExpressionAttributeValues = Values,
        };
    }
}

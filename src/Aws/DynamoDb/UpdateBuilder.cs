using Wso2Serverless.Aws.DynamoDb.Model;

namespace Wso2Serverless.Aws.DynamoDb;

/// <summary>
/// Builds an UpdateExpression with placeholder names and values, so attribute names never clash
/// with DynamoDB's reserved words (status, name, detail, ...).
/// </summary>
internal sealed class UpdateBuilder
{
    private readonly List<string> _set = [];
    private readonly List<string> _remove = [];
    private readonly List<string> _add = [];
    private int _keys;

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

    /// <summary>Sets one key of a map attribute (the map must exist), so other keys written meanwhile survive.</summary>
    public UpdateBuilder SetKey(string mapAttribute, string key, AttributeValue value)
    {
        var placeholder = "#k" + (_keys++).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Names[placeholder] = key;
        _set.Add($"{Name(mapAttribute)}.{placeholder} = {Value(value)}");
        return this;
    }

    /// <summary>Adds elements to a set attribute (creating it).</summary>
    public UpdateBuilder AddToSet(string attribute, AttributeValue set)
    {
        _add.Add($"{Name(attribute)} {Value(set)}");
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

        if (_add.Count > 0)
        {
            expression += " ADD " + string.Join(", ", _add);
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

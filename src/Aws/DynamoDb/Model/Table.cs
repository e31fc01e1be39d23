namespace Wso2Serverless.Aws.DynamoDb.Model;

// The table operations tests and simulate need to create the phase table; production gets the
// table from serverless.template.

public sealed class CreateTableRequest
{
    public string TableName { get; set; } = "";
    public string? BillingMode { get; set; }
    public List<AttributeDefinition> AttributeDefinitions { get; set; } = [];
    public List<KeySchemaElement> KeySchema { get; set; } = [];
    public List<GlobalSecondaryIndex>? GlobalSecondaryIndexes { get; set; }
}

public sealed class CreateTableResponse
{
    public TableDescription? TableDescription { get; set; }
}

public sealed class DescribeTableRequest
{
    public string TableName { get; set; } = "";
}

public sealed class DescribeTableResponse
{
    public TableDescription? Table { get; set; }
}

public sealed class TableDescription
{
    public string? TableName { get; set; }
    public string? TableStatus { get; set; }
    public string? TableArn { get; set; }
    public List<KeySchemaElement>? KeySchema { get; set; }
}

public sealed class AttributeDefinition
{
    public AttributeDefinition()
    {
    }

    public AttributeDefinition(string attributeName, string attributeType)
    {
        AttributeName = attributeName;
        AttributeType = attributeType;
    }

    public string AttributeName { get; set; } = "";
    public string AttributeType { get; set; } = "";
}

public sealed class KeySchemaElement
{
    public KeySchemaElement()
    {
    }

    public KeySchemaElement(string attributeName, string keyType)
    {
        AttributeName = attributeName;
        KeyType = keyType;
    }

    public string AttributeName { get; set; } = "";
    public string KeyType { get; set; } = "";
}

public sealed class GlobalSecondaryIndex
{
    public string IndexName { get; set; } = "";
    public List<KeySchemaElement> KeySchema { get; set; } = [];
    public Projection Projection { get; set; } = new();
}

public sealed class Projection
{
    public string? ProjectionType { get; set; }
    public List<string>? NonKeyAttributes { get; set; }
}

public sealed class UpdateTimeToLiveRequest
{
    public string TableName { get; set; } = "";
    public TimeToLiveSpecification TimeToLiveSpecification { get; set; } = new();
}

public sealed class UpdateTimeToLiveResponse
{
    public TimeToLiveSpecification? TimeToLiveSpecification { get; set; }
}

public sealed class TimeToLiveSpecification
{
    public string AttributeName { get; set; } = "";
    public bool Enabled { get; set; }
}

namespace Wso2Serverless.Aws.DynamoDb.Model;

/// <summary>
/// One DynamoDB value in the JSON wire shape (<c>{"S":"x"}</c>, <c>{"N":"1"}</c>, <c>{"M":{...}}</c>),
/// named as AWSSDK.DynamoDBv2's <c>AttributeValue</c>. Exactly one member is set. Binary values
/// (<c>B</c>, <c>BS</c>) are left out: the phase table stores none.
/// </summary>
public sealed class AttributeValue
{
    public AttributeValue()
    {
    }

    public AttributeValue(string s) => S = s;

    public AttributeValue(List<string> ss) => SS = ss;

    public string? S { get; set; }

    /// <summary>A number, as text (DynamoDB keeps 38 digits; no double round trip).</summary>
    public string? N { get; set; }

    public bool? BOOL { get; set; }

    public bool? NULL { get; set; }

    public Dictionary<string, AttributeValue>? M { get; set; }

    public List<AttributeValue>? L { get; set; }

    public List<string>? SS { get; set; }

    public List<string>? NS { get; set; }
}

namespace Wso2Serverless.Aws.DynamoDb.Model;

// The enumerations of the DynamoDB API as the strings the wire carries; the class and member
// names are AWSSDK.DynamoDBv2's, so `ReturnValues = ReturnValue.ALL_NEW` reads the same.
#pragma warning disable CA1707 // AWS's own spelling of the values

public static class ReturnValue
{
    public const string NONE = "NONE";
    public const string ALL_OLD = "ALL_OLD";
    public const string UPDATED_OLD = "UPDATED_OLD";
    public const string ALL_NEW = "ALL_NEW";
    public const string UPDATED_NEW = "UPDATED_NEW";
}

public static class ReturnValuesOnConditionCheckFailure
{
    public const string NONE = "NONE";
    public const string ALL_OLD = "ALL_OLD";
}

public static class BillingMode
{
    public const string PAY_PER_REQUEST = "PAY_PER_REQUEST";
    public const string PROVISIONED = "PROVISIONED";
}

public static class ScalarAttributeType
{
    public const string S = "S";
    public const string N = "N";
    public const string B = "B";
}

public static class KeyType
{
    public const string HASH = "HASH";
    public const string RANGE = "RANGE";
}

public static class ProjectionType
{
    public const string ALL = "ALL";
    public const string KEYS_ONLY = "KEYS_ONLY";
    public const string INCLUDE = "INCLUDE";
}

public static class TableStatus
{
    public const string CREATING = "CREATING";
    public const string UPDATING = "UPDATING";
    public const string DELETING = "DELETING";
    public const string ACTIVE = "ACTIVE";
}

public static class Select
{
    public const string ALL_ATTRIBUTES = "ALL_ATTRIBUTES";
    public const string ALL_PROJECTED_ATTRIBUTES = "ALL_PROJECTED_ATTRIBUTES";
    public const string SPECIFIC_ATTRIBUTES = "SPECIFIC_ATTRIBUTES";
    public const string COUNT = "COUNT";
}

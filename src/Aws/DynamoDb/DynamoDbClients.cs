namespace Wso2Serverless.Aws.DynamoDb;

/// <summary>
/// The DynamoDB client as Lambda uses it: region and endpoint overrides through
/// <see cref="AwsEndpoints"/> (so moto can stand in), credentials from the environment (the Lambda role).
/// </summary>
public static class DynamoDbClients
{
    public static DynamoDbClient FromEnvironment(AwsEndpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return DynamoDbClient.Create(endpoints);
    }
}

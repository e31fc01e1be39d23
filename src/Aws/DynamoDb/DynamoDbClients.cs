using Amazon.DynamoDBv2;

namespace Wso2Serverless.Aws.DynamoDb;

/// <summary>
/// The DynamoDB client as Lambda and <c>simulate</c> use it: region and endpoint overrides through
/// <see cref="AwsEndpoints"/> (so moto can stand in), credentials from the SDK's default chain
/// (the Lambda role).
/// </summary>
public static class DynamoDbClients
{
    public static IAmazonDynamoDB FromEnvironment(AwsEndpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return new AmazonDynamoDBClient(endpoints.ApplyTo(new AmazonDynamoDBConfig(), AwsService.DynamoDb));
    }
}

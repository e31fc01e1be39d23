using Amazon;
using Amazon.DynamoDBv2;

namespace Wso2Serverless.Aws.DynamoDb;

/// <summary>
/// The DynamoDB client as Lambda and <c>simulate</c> use it: region from <c>AWS_REGION</c>, and
/// an endpoint from <c>AWS_ENDPOINT_URL_DYNAMODB</c> or <c>AWS_ENDPOINT_URL</c> when a local
/// stand-in (moto) plays AWS. Credentials come from the SDK's default chain (the Lambda role).
/// </summary>
public static class DynamoDbClients
{
    public static IAmazonDynamoDB FromEnvironment(Func<string, string?>? get = null)
    {
        get ??= Environment.GetEnvironmentVariable;
        var config = new AmazonDynamoDBConfig();
        var region = get("AWS_REGION") is { Length: > 0 } r ? r : get("AWS_DEFAULT_REGION");
        var endpoint = ServiceEndpoint.Resolve(get, "DYNAMODB");
        if (endpoint is not null)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region ?? "us-east-1";
        }
        else if (region is { Length: > 0 })
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return new AmazonDynamoDBClient(config);
    }
}

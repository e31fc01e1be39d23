namespace Wso2Serverless.Aws.DynamoDb;

/// <summary>
/// AWS's endpoint override convention: the service-specific variable wins over the global one.
/// TODO: use the shared AwsEndpoints once it lands, and delete this.
/// </summary>
internal static class ServiceEndpoint
{
    public static string? Resolve(Func<string, string?> get, string serviceId) =>
        get($"AWS_ENDPOINT_URL_{serviceId}") is { Length: > 0 } specific ? specific
        : get("AWS_ENDPOINT_URL") is { Length: > 0 } global ? global
        : null;
}

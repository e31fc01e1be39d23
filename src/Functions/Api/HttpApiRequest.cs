using System.Text.Json.Serialization;

namespace Wso2Serverless.Functions.Api;

/// <summary>
/// API Gateway's HTTP API request, payload format 2.0. Our own record because
/// Amazon.Lambda.APIGatewayEvents is not available here; only the members the API reads.
/// Header names arrive lower-cased; repeated headers and query parameters arrive comma-joined.
/// </summary>
public sealed record HttpApiRequest
{
    [JsonPropertyName("version")] public string? Version { get; init; }
    [JsonPropertyName("routeKey")] public string? RouteKey { get; init; }
    [JsonPropertyName("rawPath")] public string? RawPath { get; init; }
    [JsonPropertyName("rawQueryString")] public string? RawQueryString { get; init; }
    [JsonPropertyName("headers")] public Dictionary<string, string>? Headers { get; init; }
    [JsonPropertyName("queryStringParameters")] public Dictionary<string, string>? QueryStringParameters { get; init; }
    [JsonPropertyName("pathParameters")] public Dictionary<string, string>? PathParameters { get; init; }
    [JsonPropertyName("requestContext")] public HttpApiRequestContext? RequestContext { get; init; }
    [JsonPropertyName("body")] public string? Body { get; init; }
    [JsonPropertyName("isBase64Encoded")] public bool IsBase64Encoded { get; init; }

    /// <summary>A header by name, case-insensitively (API Gateway lower-cases them, tests may not).</summary>
    public string? Header(string name)
    {
        if (Headers is null)
        {
            return null;
        }

        foreach (var (key, value) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    public string? Query(string name) => QueryStringParameters?.GetValueOrDefault(name);
}

public sealed record HttpApiRequestContext
{
    [JsonPropertyName("accountId")] public string? AccountId { get; init; }
    [JsonPropertyName("apiId")] public string? ApiId { get; init; }
    [JsonPropertyName("domainName")] public string? DomainName { get; init; }
    [JsonPropertyName("requestId")] public string? RequestId { get; init; }
    [JsonPropertyName("routeKey")] public string? RouteKey { get; init; }
    [JsonPropertyName("stage")] public string? Stage { get; init; }
    [JsonPropertyName("timeEpoch")] public long TimeEpoch { get; init; }
    [JsonPropertyName("http")] public HttpApiHttpDescription? Http { get; init; }
    [JsonPropertyName("authorizer")] public HttpApiAuthorizer? Authorizer { get; init; }
}

public sealed record HttpApiHttpDescription
{
    [JsonPropertyName("method")] public string? Method { get; init; }
    [JsonPropertyName("path")] public string? Path { get; init; }
    [JsonPropertyName("protocol")] public string? Protocol { get; init; }
    [JsonPropertyName("sourceIp")] public string? SourceIp { get; init; }
    [JsonPropertyName("userAgent")] public string? UserAgent { get; init; }
}

/// <summary>With IAM authorisation API Gateway tells who signed the request.</summary>
public sealed record HttpApiAuthorizer
{
    [JsonPropertyName("iam")] public HttpApiIamIdentity? Iam { get; init; }
}

public sealed record HttpApiIamIdentity
{
    [JsonPropertyName("accountId")] public string? AccountId { get; init; }
    [JsonPropertyName("callerId")] public string? CallerId { get; init; }
    [JsonPropertyName("userArn")] public string? UserArn { get; init; }
    [JsonPropertyName("userId")] public string? UserId { get; init; }
}

using Wso2Serverless.Functions.Api;

namespace Wso2Serverless.Functions.Tests.Api;

/// <summary>HTTP API payload-2.0 requests as API Gateway builds them (lower-case headers, IAM identity).</summary>
internal static class ApiRequests
{
    public const string ValidDeployment = """
        {
          "environment": "dev",
          "stackName": "wso2-dev",
          "parameters": { "KeyPairName": "ops", "WSO2InstanceType": "t3.large" },
          "secrets": { "DBPassword": "/wso2/dev/db-password" }
        }
        """;

    public static HttpApiRequest Create(string method, string path, string? body = null, string? contentType = "application/json", string? query = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["host"] = "abc123.execute-api.eu-west-1.amazonaws.com" };
        if (contentType is not null)
        {
            headers["content-type"] = contentType;
        }

        Dictionary<string, string>? queryParameters = null;
        if (query is not null)
        {
            queryParameters = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2))
                .ToDictionary(p => p[0], p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""), StringComparer.Ordinal);
        }

        return new HttpApiRequest
        {
            Version = "2.0",
            RouteKey = "$default",
            RawPath = path,
            RawQueryString = query ?? "",
            Headers = headers,
            QueryStringParameters = queryParameters,
            Body = body,
            RequestContext = new HttpApiRequestContext
            {
                AccountId = "111122223333",
                ApiId = "abc123",
                DomainName = "abc123.execute-api.eu-west-1.amazonaws.com",
                RequestId = "req-1",
                Stage = "$default",
                Http = new HttpApiHttpDescription { Method = method, Path = path, Protocol = "HTTP/1.1", SourceIp = "203.0.113.9" },
                Authorizer = new HttpApiAuthorizer { Iam = new HttpApiIamIdentity { UserArn = "arn:aws:iam::111122223333:user/operator" } },
            },
        };
    }
}

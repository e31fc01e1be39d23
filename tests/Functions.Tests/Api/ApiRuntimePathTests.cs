using System.Text;
using System.Text.Json;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Functions.Tests.Fakes;

namespace Wso2Serverless.Functions.Tests.Api;

/// <summary>
/// The API as Lambda runs it: the catalog entry for <c>api</c>, raw bytes of a real HTTP API
/// payload-2.0 event in, raw bytes of the integration response out.
/// </summary>
public sealed class ApiRuntimePathTests
{
    // The shape API Gateway sends for a SigV4-signed POST on an HTTP API with IAM authorisation.
    private const string StartEvent = """
        {
          "version": "2.0",
          "routeKey": "POST /deployments",
          "rawPath": "/deployments",
          "rawQueryString": "",
          "headers": {
            "accept": "*/*",
            "authorization": "AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20261128/eu-west-1/execute-api/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=0123abcd",
            "content-length": "98",
            "content-type": "application/json",
            "host": "abc123.execute-api.eu-west-1.amazonaws.com",
            "user-agent": "curl/8.5.0",
            "x-amz-date": "20261128T090000Z",
            "x-amzn-trace-id": "Root=1-67489f60-1234567890abcdef01234567",
            "x-forwarded-for": "203.0.113.9",
            "x-forwarded-port": "443",
            "x-forwarded-proto": "https"
          },
          "requestContext": {
            "accountId": "111122223333",
            "apiId": "abc123",
            "authorizer": {
              "iam": {
                "accessKey": "AKIAEXAMPLE",
                "accountId": "111122223333",
                "callerId": "AIDAEXAMPLE",
                "cognitoIdentity": null,
                "principalOrgId": null,
                "userArn": "arn:aws:iam::111122223333:user/operator",
                "userId": "AIDAEXAMPLE"
              }
            },
            "domainName": "abc123.execute-api.eu-west-1.amazonaws.com",
            "domainPrefix": "abc123",
            "http": {
              "method": "POST",
              "path": "/deployments",
              "protocol": "HTTP/1.1",
              "sourceIp": "203.0.113.9",
              "userAgent": "curl/8.5.0"
            },
            "requestId": "CvQ3ejFLjoEEMbA=",
            "routeKey": "POST /deployments",
            "stage": "$default",
            "time": "28/Nov/2026:09:00:00 +0000",
            "timeEpoch": 1795856400000
          },
          "body": "{\"environment\":\"dev\",\"stackName\":\"wso2-dev\",\"secrets\":{\"DBPassword\":\"/wso2/dev/db-password\"}}",
          "isBase64Encoded": false
        }
        """;

    private readonly FakeWorld _world = new();
    private readonly TestInvocation _invocation = new();

    [Fact]
    public async Task RealStartEvent_ThroughHost_Returns202Envelope()
    {
        var response = await InvokeAsync(StartEvent);

        response.GetProperty("statusCode").GetInt32().Should().Be(202);
        response.GetProperty("headers").GetProperty("content-type").GetString().Should().Be("application/json");
        response.GetProperty("isBase64Encoded").GetBoolean().Should().BeFalse();
        using var body = JsonDocument.Parse(response.GetProperty("body").GetString()!);
        body.RootElement.GetProperty("statusUrl").GetString().Should().StartWith("https://api.example.test/prod/deployments/");
        _world.Workflow.Executions.Should().ContainSingle();
    }

    [Fact]
    public async Task RealEventWithBadJsonBody_ThroughHost_Returns400Problem()
    {
        var response = await InvokeAsync(StartEvent.Replace("\"body\": \"{", "\"body\": \"{{", StringComparison.Ordinal));

        response.GetProperty("statusCode").GetInt32().Should().Be(400);
        response.GetProperty("headers").GetProperty("content-type").GetString().Should().Be("application/problem+json");
    }

    [Fact]
    public async Task RealEventForUnknownRoute_ThroughHost_Returns404Problem()
    {
        var response = await InvokeAsync(StartEvent
            .Replace("\"rawPath\": \"/deployments\"", "\"rawPath\": \"/stacks\"", StringComparison.Ordinal)
            .Replace("\"routeKey\": \"POST /deployments\"", "\"routeKey\": \"$default\"", StringComparison.Ordinal));

        response.GetProperty("statusCode").GetInt32().Should().Be(404);
    }

    [Fact]
    public async Task RealEventWithWrongMethod_ThroughHost_Returns405WithAllow()
    {
        var response = await InvokeAsync(StartEvent.Replace("\"method\": \"POST\"", "\"method\": \"GET\"", StringComparison.Ordinal));

        response.GetProperty("statusCode").GetInt32().Should().Be(405);
        response.GetProperty("headers").GetProperty("allow").GetString().Should().Be("POST");
    }

    private async Task<JsonElement> InvokeAsync(string eventJson)
    {
        var handler = FunctionCatalog.Find(HandlerNames.Api)!.Create(_world.Services);
        var output = await handler.HandleAsync(Encoding.UTF8.GetBytes(eventJson), _invocation.Context(_world.Clock.UtcNow));
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }
}

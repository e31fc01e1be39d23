using System.Text;
using System.Text.Json;
using Wso2Serverless.Cli.Tests.Support;
using Wso2Serverless.Functions.Api;
using Wso2Serverless.StandIns.ApiGateway;

namespace Wso2Serverless.Cli.Tests.ApiGateway;

/// <summary>The stand-in's payload 2.0 events against the shape AWS documents for HTTP API Lambda integrations.</summary>
public sealed class HttpApiEventTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private static readonly ApiPrincipal Caller = new("AKIDOPS", "s", "111122223333", "arn:aws:iam::111122223333:user/operator", "AIDAOPS");
    private static readonly HttpApiEvent.Site Site = new("123456789012", "abc123");

    // Member names of AWS's format 2.0 sample event (top level, requestContext, http, authorizer.iam).
    private static readonly string[] DocumentedTop = ["version", "routeKey", "rawPath", "rawQueryString", "cookies", "headers", "queryStringParameters", "requestContext", "body", "pathParameters", "isBase64Encoded", "stageVariables"];
    private static readonly string[] DocumentedContext = ["accountId", "apiId", "authentication", "authorizer", "domainName", "domainPrefix", "http", "requestId", "routeKey", "stage", "time", "timeEpoch"];
    private static readonly string[] DocumentedHttp = ["method", "path", "protocol", "sourceIp", "userAgent"];
    private static readonly string[] DocumentedIam = ["accessKey", "accountId", "callerId", "cognitoIdentity", "principalOrgId", "userArn", "userId"];

    [Fact]
    public void Event_HasTheDocumentedMembers_AndNoOthers()
    {
        using var e = Build(Request("POST", "/deployments?limit=5", "{}", ("Content-Type", "application/json"), ("Cookie", "a=1; b=2")), "POST /deployments", null);
        var root = e.RootElement;
        var context = root.GetProperty("requestContext");

        Names(root).Should().BeSubsetOf(DocumentedTop).And.Contain(["version", "routeKey", "rawPath", "rawQueryString", "headers", "requestContext", "isBase64Encoded"]);
        Names(context).Should().BeSubsetOf(DocumentedContext).And.Contain(["accountId", "apiId", "authorizer", "domainName", "http", "requestId", "routeKey", "stage", "time", "timeEpoch"]);
        Names(context.GetProperty("http")).Should().BeEquivalentTo(DocumentedHttp);
        Names(context.GetProperty("authorizer").GetProperty("iam")).Should().BeEquivalentTo(DocumentedIam);
    }

    [Fact]
    public void Event_LowerCasesHeaders_JoinsDuplicatesWithCommas_AndMovesCookiesOut()
    {
        using var e = Build(Request("GET", "/environments/dev/deployments?limit=5&tag=a&tag=b&q=x%20y",
            null, ("X-Trace", "one"), ("x-trace", "two"), ("Cookie", "a=1; b=2"), ("User-Agent", "wso2ctl/0.1")), "GET /environments/{env}/deployments", new Dictionary<string, string> { ["env"] = "dev" });
        var root = e.RootElement;

        root.GetProperty("version").GetString().Should().Be("2.0");
        root.GetProperty("rawPath").GetString().Should().Be("/environments/dev/deployments");
        root.GetProperty("rawQueryString").GetString().Should().Be("limit=5&tag=a&tag=b&q=x%20y");
        root.GetProperty("headers").GetProperty("x-trace").GetString().Should().Be("one,two");
        root.GetProperty("headers").TryGetProperty("cookie", out _).Should().BeFalse();
        Names(root.GetProperty("headers")).Should().OnlyContain(n => n.All(c => !char.IsUpper(c)));
        root.GetProperty("cookies").EnumerateArray().Select(c => c.GetString()).Should().Equal("a=1", "b=2");
        root.GetProperty("queryStringParameters").GetProperty("tag").GetString().Should().Be("a,b");
        root.GetProperty("queryStringParameters").GetProperty("q").GetString().Should().Be("x y");
        root.GetProperty("pathParameters").GetProperty("env").GetString().Should().Be("dev");
        root.GetProperty("routeKey").GetString().Should().Be("GET /environments/{env}/deployments");
        root.TryGetProperty("body", out _).Should().BeFalse();
        root.GetProperty("isBase64Encoded").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public void Event_RequestContext_CarriesTheIamCallerHttpDescriptionAndTime()
    {
        using var e = Build(Request("POST", "/deployments", "{\"a\":1}", ("Host", "127.0.0.1:8080"), ("User-Agent", "wso2ctl/0.1"), ("Content-Type", "application/json")), "POST /deployments", null);
        var context = e.RootElement.GetProperty("requestContext");

        context.GetProperty("accountId").GetString().Should().Be("123456789012");
        context.GetProperty("apiId").GetString().Should().Be("abc123");
        context.GetProperty("stage").GetString().Should().Be("$default");
        context.GetProperty("domainName").GetString().Should().Be("127.0.0.1:8080");
        context.GetProperty("time").GetString().Should().Be("28/Nov/2026:09:00:00 +0000");
        context.GetProperty("timeEpoch").GetInt64().Should().Be(Now.ToUnixTimeMilliseconds());
        context.GetProperty("requestId").GetString().Should().NotBeNullOrEmpty();
        var iam = context.GetProperty("authorizer").GetProperty("iam");
        iam.GetProperty("accessKey").GetString().Should().Be("AKIDOPS");
        iam.GetProperty("userArn").GetString().Should().Be("arn:aws:iam::111122223333:user/operator");
        var http = context.GetProperty("http");
        http.GetProperty("method").GetString().Should().Be("POST");
        http.GetProperty("path").GetString().Should().Be("/deployments");
        http.GetProperty("protocol").GetString().Should().Be("HTTP/1.1");
        http.GetProperty("sourceIp").GetString().Should().Be("127.0.0.1");
        http.GetProperty("userAgent").GetString().Should().Be("wso2ctl/0.1");
        e.RootElement.GetProperty("body").GetString().Should().Be("{\"a\":1}");
    }

    [Fact]
    public void Event_BinaryBody_IsBase64Encoded()
    {
        using var e = Build(Request("PUT", "/x", null, ("Content-Type", "application/octet-stream")) with { Body = [0xff, 0x00, 0x10] }, "$default", null);

        e.RootElement.GetProperty("isBase64Encoded").GetBoolean().Should().BeTrue();
        Convert.FromBase64String(e.RootElement.GetProperty("body").GetString()!).Should().Equal(0xff, 0x00, 0x10);
    }

    [Fact]
    public void Event_ReadsAsTheApiHandlersRequest()
    {
        var bytes = HttpApiEvent.Build(Request("GET", "/deployments/abc?x=1", null, ("Host", "h")), "GET /deployments/{id}", new Dictionary<string, string> { ["id"] = "abc" }, Caller, Site, Now);

        var request = JsonSerializer.Deserialize(bytes, ApiJsonContext.Default.HttpApiRequest)!;

        request.RequestContext!.Http!.Method.Should().Be("GET");
        request.RequestContext.Authorizer!.Iam!.UserArn.Should().Be(Caller.UserArn);
        request.Query("x").Should().Be("1");
        request.PathParameters!["id"].Should().Be("abc");
    }

    [Fact]
    public void Routes_FromTheTemplate_PickTheMostSpecificRoute_ThenDefault()
    {
        var routes = new HttpApiRoutes(TemplateRoutes.Read());

        routes.Match("GET", "/deployments/20261128-1").Should().BeEquivalentTo(("GET /deployments/{id}", new Dictionary<string, string> { ["id"] = "20261128-1" }));
        routes.Match("POST", "/deployments/x/cancel")!.Value.RouteKey.Should().Be("POST /deployments/{id}/cancel");
        routes.Match("DELETE", "/environments/dev/stack")!.Value.RouteKey.Should().Be("DELETE /environments/{env}/stack");
        routes.Match("GET", "/nowhere")!.Value.RouteKey.Should().Be("$default");
        new HttpApiRoutes(["GET /a"]).Match("GET", "/b").Should().BeNull();
    }

    [Fact]
    public void IntegrationResponse_FollowsTheFormat2Rules()
    {
        var full = IntegrationResponse.FromPayload(Encoding.UTF8.GetBytes("""{"statusCode":201,"headers":{"Content-Type":"application/json"},"cookies":["a=1"],"body":"aGk=","isBase64Encoded":true}"""));
        var inferred = IntegrationResponse.FromPayload(Encoding.UTF8.GetBytes("""{"hello":"world"}"""));
        var broken = IntegrationResponse.FromPayload(Encoding.UTF8.GetBytes("not json"));

        full.StatusCode.Should().Be(201);
        full.Headers.Should().Contain(new KeyValuePair<string, string>("content-type", "application/json")).And.Contain(new KeyValuePair<string, string>("set-cookie", "a=1"));
        Encoding.UTF8.GetString(full.Body).Should().Be("hi");
        inferred.StatusCode.Should().Be(200);
        Encoding.UTF8.GetString(inferred.Body).Should().Be("""{"hello":"world"}""");
        broken.StatusCode.Should().Be(500);
        Encoding.UTF8.GetString(broken.Body).Should().Be("""{"message":"Internal Server Error"}""");
    }

    private static JsonDocument Build(ReceivedRequest request, string routeKey, IReadOnlyDictionary<string, string>? parameters) =>
        JsonDocument.Parse(HttpApiEvent.Build(request, routeKey, parameters, Caller, Site, Now));

    private static ReceivedRequest Request(string method, string target, string? body, params (string Name, string Value)[] headers) =>
        new(method, target, [.. headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))], Encoding.UTF8.GetBytes(body ?? ""), "127.0.0.1", "HTTP/1.1");

    private static List<string> Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];
}

using Wso2Serverless.Functions.Api;

namespace Wso2Serverless.Functions.Tests.Api;

/// <summary>
/// Client mistakes and the problem each one gets. Every row must be a 4xx with a problem
/// document: a bad request is never a 500.
/// </summary>
public sealed class ApiBadRequestCorpusTests
{
    public static TheoryData<string, string, string?, string?, int, string, string[]> Corpus => new()
    {
        // method, path, content type, body, status, problem type, error paths
        { "GET", "/", null, null, 404, ProblemTypes.NotFound, [] },
        { "GET", "/nothing/here", null, null, 404, ProblemTypes.NotFound, [] },
        { "GET", "/deployments/a/b/c", null, null, 404, ProblemTypes.NotFound, [] },
        { "GET", "/deployments/has%20space", null, null, 404, ProblemTypes.NotFound, [] },
        { "GET", "/deployments", null, null, 405, ProblemTypes.MethodNotAllowed, [] },
        { "DELETE", "/deployments/d-1", null, null, 405, ProblemTypes.MethodNotAllowed, [] },
        { "GET", "/deployments/d-1/cancel", null, null, 405, ProblemTypes.MethodNotAllowed, [] },
        { "POST", "/environments/dev", "application/json", "{}", 405, ProblemTypes.MethodNotAllowed, [] },
        { "PATCH", "/environments/dev/stack", null, null, 405, ProblemTypes.MethodNotAllowed, [] },
        { "POST", "/deployments", "text/plain", "environment=dev", 415, ProblemTypes.UnsupportedMediaType, [] },
        { "POST", "/deployments", null, """{"environment":"dev"}""", 415, ProblemTypes.UnsupportedMediaType, [] },
        { "PUT", "/environments/dev", "application/x-www-form-urlencoded", "schedule=x", 415, ProblemTypes.UnsupportedMediaType, [] },
        { "POST", "/deployments", "application/json", "", 400, ProblemTypes.InvalidRequest, ["$"] },
        { "POST", "/deployments", "application/json", "{\"environment\": ", 400, ProblemTypes.InvalidRequest, ["$"] },
        { "POST", "/deployments", "application/json", "[1, 2]", 400, ProblemTypes.InvalidRequest, ["$"] },
        { "POST", "/deployments", "application/json", "\"dev\"", 400, ProblemTypes.InvalidRequest, ["$"] },
        { "POST", "/deployments", "application/json; charset=utf-8", "{}", 400, ProblemTypes.InvalidRequest, ["$.environment", "$.stackName"] },
        { "POST", "/deployments", "application/json", """{"environment":"dev","stackName":"wso2-dev","timeouts":{"agentSeconds":"long"}}""", 400, ProblemTypes.InvalidRequest, ["$.timeouts.agentSeconds"] },
        { "POST", "/deployments", "application/json", """{"environment":"dev","stackName":"wso2-dev","secrets":{"DBPassword":"hunter2 hunter2!"}}""", 400, ProblemTypes.InvalidRequest, ["$.secrets.DBPassword"] },
        { "POST", "/deployments", "application/json", new string('[', 100) + new string(']', 100), 400, ProblemTypes.InvalidRequest, ["$"] },
        { "PUT", "/environments/dev", "application/json", """{"schedule": "0 3 * * *"}""", 400, ProblemTypes.InvalidRequest, ["$.request"] },
        { "PUT", "/environments/dev", "application/json", """{"schedule": "0 3 * * *", "enabled": "yes", "request": {}}""", 400, ProblemTypes.InvalidRequest, ["$.enabled"] },
        { "PUT", "/environments/Bad_Name", "application/json", """{"request": {"environment": "dev", "stackName": "wso2-dev"}}""", 400, ProblemTypes.InvalidRequest, ["$path.env", "$.request.environment"] },
        { "GET", "/environments/dev/deployments", null, null, 400, ProblemTypes.InvalidRequest, ["$query.limit"] },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task BadRequest_GetsItsProblem(string method, string path, string? contentType, string? body, int status, string type, string[] errorPaths)
    {
        var api = new ApiHarness();
        var query = path == "/environments/dev/deployments" ? "limit=1000" : null;

        var response = await api.SendAsync(method, path, body, contentType, query);

        response.StatusCode.Should().Be(status);
        response.ContentType.Should().Be("application/problem+json");
        var problem = ApiHarness.Json(response);
        problem.GetProperty("type").GetString().Should().Be(type);
        problem.GetProperty("status").GetInt32().Should().Be(status);
        problem.GetProperty("title").GetString().Should().NotBeNullOrEmpty();
        problem.GetProperty("detail").GetString().Should().NotBeNullOrEmpty();
        problem.GetProperty("instance").GetString().Should().NotBeNullOrEmpty();
        ApiHarness.ErrorPaths(response).Should().BeEquivalentTo(errorPaths);
        api.World.Workflow.Executions.Should().BeEmpty();
    }

    [Fact]
    public async Task BodyOverLimit_Returns413()
    {
        var api = new ApiHarness();
        var body = $$$"""{"environment":"dev","stackName":"wso2-dev","parameters":{"Pad":"{{{new string('x', RequestBody.MaxBytes)}}}"}}""";

        var response = await api.SendAsync("POST", "/deployments", body);

        response.StatusCode.Should().Be(413);
        ApiHarness.Json(response).GetProperty("type").GetString().Should().Be(ProblemTypes.PayloadTooLarge);
    }

    [Fact]
    public async Task MethodNotAllowed_SaysWhichMethodsAre()
    {
        var response = await new ApiHarness().SendAsync("DELETE", "/environments/dev", contentType: null);

        response.StatusCode.Should().Be(405);
        response.Headers["allow"].Should().Be("GET, PUT");
    }

    [Fact]
    public async Task Base64Body_IsDecodedBeforeValidation()
    {
        var api = new ApiHarness();
        var request = ApiRequests.Create("POST", "/deployments", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(ApiRequests.ValidDeployment))) with { IsBase64Encoded = true };

        var response = await api.SendAsync(request);

        response.StatusCode.Should().Be(202);
    }

    [Fact]
    public async Task StoreFailure_IsA500ProblemWithoutInternals()
    {
        var api = new ApiHarness();
        api.World.Locks.Faults.Fail("Get", () => new InvalidOperationException("table wso2-serverless-test is unreachable"));

        var response = await api.SendAsync("POST", "/deployments", ApiRequests.ValidDeployment);

        response.StatusCode.Should().Be(500);
        response.ContentType.Should().Be("application/problem+json");
        response.Body.Should().NotContain("unreachable").And.Contain("req-test-1");
    }
}

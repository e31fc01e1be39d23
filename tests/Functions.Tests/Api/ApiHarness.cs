using System.Text.Json;
using Wso2Serverless.Functions.Api;
using Wso2Serverless.Functions.Tests.Fakes;

namespace Wso2Serverless.Functions.Tests.Api;

/// <summary>The API handler over the in-memory world, plus readers for its JSON answers.</summary>
internal sealed class ApiHarness
{
    public FakeWorld World { get; } = new(new Hosting.OrchestratorSettings
    {
        TableName = "wso2-serverless-test",
        StateMachineArn = $"arn:aws:states:{FakeStackService.Region}:{FakeStackService.Account}:stateMachine:wso2-deployment",
        TeardownStateMachineArn = $"arn:aws:states:{FakeStackService.Region}:{FakeStackService.Account}:stateMachine:wso2-teardown",
        TopicArn = $"arn:aws:sns:{FakeStackService.Region}:{FakeStackService.Account}:wso2-deployments",
        StackNamePrefix = "wso2-",
    });

    public TestInvocation Invocation { get; } = new();

    public Task<HttpApiResponse> SendAsync(HttpApiRequest request) =>
        new ApiHandler(World.Services).HandleAsync(request, Invocation.Context(World.Clock.UtcNow));

    public Task<HttpApiResponse> SendAsync(string method, string path, string? body = null, string? contentType = "application/json", string? query = null) =>
        SendAsync(ApiRequests.Create(method, path, body, contentType, query));

    public static JsonElement Json(HttpApiResponse response)
    {
        using var document = JsonDocument.Parse(response.Body!);
        return document.RootElement.Clone();
    }

    public static IReadOnlyList<string> ErrorPaths(HttpApiResponse response) =>
        Json(response).TryGetProperty("errors", out var errors)
            ? [.. errors.EnumerateArray().Select(e => e.GetProperty("path").GetString()!)]
            : [];
}

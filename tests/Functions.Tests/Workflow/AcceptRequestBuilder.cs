using System.Text.Json;
using Wso2Serverless.Functions.Tasks;
using Wso2Serverless.Functions.Tests.Fakes;

namespace Wso2Serverless.Functions.Tests.Workflow;

/// <summary>Runs Accept for the scenario's request under a given execution name.</summary>
internal sealed class AcceptRequestBuilder(FakeWorld world)
{
    public async Task<AcceptResult> Accept(string executionName, string request = Scenario.Request)
    {
        using var doc = JsonDocument.Parse(request);
        return await new AcceptFunction(world.Services).HandleAsync(
            new AcceptRequest { Input = doc.RootElement.Clone(), ExecutionName = executionName, StartedAt = world.Clock.UtcNow }, default);
    }
}

using System.Text;
using System.Text.Json;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Functions.Tests.Fakes;
using Wso2Serverless.Runtime;

namespace Wso2Serverless.Functions.Tests.Events;

public class EventFunctionsCatalogTests
{
    private static LambdaContext Context(RecordingLog log) => new()
    {
        RequestId = "req-1",
        FunctionName = "wso2-event-router",
        Deadline = DateTimeOffset.UtcNow.AddMinutes(1),
        Now = () => DateTimeOffset.UtcNow,
        Log = log,
    };

    [Theory]
    [InlineData(HandlerNames.EventRouter)]
    [InlineData(HandlerNames.ExecutionStatus)]
    public async Task EventFunction_GarbagePayload_AnswersDroppedInsteadOfFailing(string handler)
    {
        var definition = FunctionCatalog.Find(handler);
        definition.Should().NotBeNull();
        var log = new RecordingLog();

        var output = await definition!.Create(new FakeWorld().Services).HandleAsync(Encoding.UTF8.GetBytes("{{{"), Context(log));

        using var doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("action").GetString().Should().Be("dropped");
        doc.RootElement.GetProperty("detail").GetString().Should().StartWith("malformed JSON");
        log.Lines.Should().ContainSingle().Which.Level.Should().Be("warn");
    }
}

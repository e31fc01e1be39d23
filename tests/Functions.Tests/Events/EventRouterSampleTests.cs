using Wso2Serverless.Functions.Events;
using Wso2Serverless.Functions.Tests.Fakes;

namespace Wso2Serverless.Functions.Tests.Events;

/// <summary>
/// #13 defect 14: AWS's own published sample events (samples/README.md names the pages) name
/// commands, stacks and executions this orchestrator never made. Each is logged and dropped: no
/// exception (Lambda would retry it twice and count a function error) and no AWS call made for it.
/// </summary>
public class EventRouterSampleTests
{
    private readonly FakeWorld _world;
    private readonly RecordingLog _log = new();

    public EventRouterSampleTests()
    {
        var settings = new FakeWorld().Settings with { StackNamePrefix = "wso2-" };
        _world = new FakeWorld(settings);
    }

    private static byte[] Sample(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Events", "samples", name));

    private Task<RouteResult> Route(byte[] payload) =>
        EventRouter.Create(_world.Services).RouteAsync(payload, _log, TestContext.Current.CancellationToken);

    [Theory]
    [InlineData("aws-ssm-command-status-change.json")]
    [InlineData("aws-ssm-command-invocation-status-change.json")]
    [InlineData("aws-cloudformation-stack-status-change.json")]
    [InlineData("aws-states-execution-started.json")]
    [InlineData("aws-states-execution-succeeded.json")]
    [InlineData("aws-states-execution-failed.json")]
    [InlineData("aws-states-execution-timed-out.json")]
    [InlineData("aws-states-execution-aborted.json")]
    public async Task AwsPublishedSample_IsDroppedWithALogLineAndNoAwsCall(string sample)
    {
        var result = await Route(Sample(sample));

        result.Action.Should().Be(RouteResult.Dropped);
        result.Detail.Should().NotBeNullOrEmpty();
        _log.Lines.Should().ContainSingle().Which.Level.Should().Be("warn");
        _world.AwsCalls.Should().Be(0, $"the event cannot be ours; calls made: {_world.DescribeCalls()}");
    }

    [Fact]
    public async Task CommandOfOurDocumentThatSsmDoesNotKnow_IsDroppedWithoutError()
    {
        var payload = EventPayloads.Command("e8d3c0e4-71f7-4491-898f-c9b35bee5f3b", "Success", _world.Settings.DatabaseDocumentName);

        var result = await Route(payload);

        result.Action.Should().Be(RouteResult.Dropped);
        _world.Tokens.Keys.Should().BeEmpty("nothing is recorded for a command nobody sent");
        _world.Workflow.Faults.TotalCalls.Should().Be(0);
    }

    [Fact]
    public async Task SignalForAnUnknownDeployment_IsDroppedWithoutWrites()
    {
        var result = await Route(Sample("putevents-signal-unknown-deployment.json"));

        result.Action.Should().Be(RouteResult.Dropped);
        _world.Tokens.Keys.Should().BeEmpty();
        _world.Deployments.Phases("no-such-deployment").Should().BeEmpty();
        _world.Deployments.PhaseWrites.Should().BeEmpty();
    }
}

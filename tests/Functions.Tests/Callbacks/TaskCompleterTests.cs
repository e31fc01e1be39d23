using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Functions.Callbacks;
using Wso2Serverless.Functions.Tests.Fakes;

namespace Wso2Serverless.Functions.Tests.Callbacks;

public class TaskCompleterTests
{
    private const string Key = "stack:arn:aws:cloudformation:us-east-1:123456789012:stack/wso2-dev/1";
    private static readonly CallbackOutcome Success = new(true, "{\"ok\":true}", null, null);
    private readonly FakeWorld _world = new();
    private readonly TaskCompleter _completer;

    public TaskCompleterTests()
    {
        _completer = new TaskCompleter(_world.Tokens, _world.Workflow, _world.Clock);
    }

    private PendingToken Token(string token = "tok-1") => new(token, "dep-1", "CreateStack", _world.Clock.UtcNow);

    [Fact]
    public async Task Register_WhenSendingTheEarlyOutcomeFails_TheRetriedRegistrationDeliversIt()
    {
        // #13 defect 1: the claim was taken before the send, so the retried task found it taken.
        (await _completer.CompleteAsync(Key, Success, TestContext.Current.CancellationToken)).Should().BeFalse("no task waits yet");
        _world.Workflow.Faults.Throttle("SendTaskSuccess");

        var first = () => _completer.RegisterAsync(Key, Token(), TestContext.Current.CancellationToken);
        await first.Should().ThrowAsync<FakeAwsException>();
        var retried = await _completer.RegisterAsync(Key, Token(), TestContext.Current.CancellationToken);

        retried.Delivered.Should().BeTrue();
        _world.Workflow.Callbacks.Should().ContainSingle().Which.TaskToken.Should().Be("tok-1");
    }

    [Fact]
    public async Task Complete_Twice_SendsTheFirstOutcomeAndStepFunctionsRefusesTheSecondSend()
    {
        await _completer.RegisterAsync(Key, Token(), TestContext.Current.CancellationToken);
        var failure = new CallbackOutcome(false, null, "Wso2.StackFailed", "late");

        var first = await _completer.CompleteAsync(Key, Success, TestContext.Current.CancellationToken);
        var second = await _completer.CompleteAsync(Key, failure, TestContext.Current.CancellationToken);

        first.Should().BeTrue();
        second.Should().BeFalse("the task was closed by the first callback");
        _world.Workflow.Callbacks.Should().ContainSingle().Which.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Complete_WhenTheTaskTimedOut_IsNotAnError()
    {
        await _completer.RegisterAsync(Key, Token(), TestContext.Current.CancellationToken);
        _world.Workflow.Expire("tok-1");

        (await _completer.CompleteAsync(Key, Success, TestContext.Current.CancellationToken)).Should().BeFalse();
        _world.Workflow.Callbacks.Should().BeEmpty();
    }
}

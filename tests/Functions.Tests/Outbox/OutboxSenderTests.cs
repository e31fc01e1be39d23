using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Notifications;
using Wso2Serverless.Functions.Outbox;
using Wso2Serverless.Functions.Tests.Api;
using Wso2Serverless.Functions.Tests.Fakes;

namespace Wso2Serverless.Functions.Tests.Outbox;

public sealed class OutboxSenderTests
{
    private readonly FakeWorld _world = new();

    [Fact]
    public async Task Retry_LeavesANotificationItsCloserStillHolds()
    {
        await QueueAsync("d-held");

        var retried = await Sender.RetryPendingAsync(default);

        retried.Should().BeEmpty();
        _world.Notifier.Published.Should().BeEmpty();
    }

    [Fact]
    public async Task Retry_AfterTheHold_SendsOnceEvenWhenTwoTicksOverlap()
    {
        await QueueAsync("d-once");
        _world.Clock.Advance(OutboxSender.Hold);

        var first = await Sender.RetryPendingAsync(default);
        var second = await Sender.RetryPendingAsync(default);

        first.Should().ContainSingle().Which.Action.Should().Be(NotificationRetry.Sent);
        second.Should().BeEmpty();
        _world.Notifier.Published.Should().ContainSingle();
        _world.Deployments.Notification("d-once")!.Status.Should().Be(OutboxStatus.Sent);
    }

    [Fact]
    public async Task Retry_OfAClaimHeldElsewhere_DoesNotSend()
    {
        await QueueAsync("d-claimed");
        _world.Clock.Advance(OutboxSender.Hold);
        await _world.Deployments.ClaimAsync("d-claimed", _world.Clock.UtcNow, _world.Clock.UtcNow.AddMinutes(2), default);

        var retried = await Sender.RetryPendingAsync(default);

        retried.Should().BeEmpty("the other sender's claim is still held");
        _world.Notifier.Published.Should().BeEmpty();
    }

    [Fact]
    public async Task Retry_ThatKeepsFailing_GivesUpAfterMaxAttemptsKeepingTheReason()
    {
        await QueueAsync("d-doomed");
        _world.Notifier.Faults.Fail("Publish", () => new FakeAwsException("InternalError", "Topic does not exist", System.Net.HttpStatusCode.InternalServerError), times: 100);

        for (var tick = 0; tick < OutboxSender.MaxAttempts + 2; tick++)
        {
            _world.Clock.Advance(TimeSpan.FromMinutes(5));
            await Sender.RetryPendingAsync(default);
        }

        var message = _world.Deployments.Notification("d-doomed")!;
        message.Status.Should().Be(OutboxStatus.Abandoned);
        message.Attempts.Should().Be(OutboxSender.MaxAttempts);
        message.LastError.Should().Contain("Topic does not exist");
        _world.Notifier.Faults.Calls("Publish").Should().Be(OutboxSender.MaxAttempts);
    }

    [Fact]
    public async Task Retry_RefusedByTheService_IsGivenUpAtOnce()
    {
        await QueueAsync("d-refused");
        _world.Notifier.Faults.Fail("Publish", () => new FakeAwsException("AuthorizationError", "User is not authorized to perform SNS:Publish"), times: 100);

        for (var tick = 0; tick < 3; tick++)
        {
            _world.Clock.Advance(TimeSpan.FromMinutes(5));
            await Sender.RetryPendingAsync(default);
        }

        _world.Deployments.Notification("d-refused")!.Status.Should().Be(OutboxStatus.Abandoned);
        _world.Notifier.Faults.Calls("Publish").Should().Be(1);
    }

    [Fact]
    public async Task Close_WhenTheTransactionFails_WritesNothingAndSendsNothing()
    {
        await _world.Deployments.CreateAsync(ApiDeploymentsTests.Record("d-tx", "dev", _world.Clock.UtcNow), default);
        _world.Deployments.Faults.Fail("CloseWithNotification", () => FakeAwsException.ServerError("TransactWriteItems"));
        var closer = RunCloser.For(_world.Services);
        var record = _world.Deployments.Record("d-tx")!;

        var act = () => closer.CloseAsync(record, new RecordClosing("d-tx", DeploymentStatus.Failed, PhaseNames.CreateStack, "boom", _world.Clock.UtcNow), true, null, default);

        await act.Should().ThrowAsync<FakeAwsException>();
        _world.Deployments.Record("d-tx")!.Status.Should().Be(DeploymentStatus.Running);
        _world.Deployments.Notification("d-tx").Should().BeNull();
        _world.Notifier.Published.Should().BeEmpty();
    }

    private OutboxSender Sender => new(_world.Deployments, _world.Notifier, _world.Clock);

    /// <summary>A run closed with its notification queued, as if its closer died before sending.</summary>
    private async Task QueueAsync(string id)
    {
        await _world.Deployments.CreateAsync(ApiDeploymentsTests.Record(id, "dev", _world.Clock.UtcNow), default);
        var now = _world.Clock.UtcNow;
        await _world.Deployments.CloseAsync(new RecordClosing(id, DeploymentStatus.Failed, PhaseNames.CreateStack, "rolled back", now), new OutboxMessage
        {
            DeploymentId = id,
            TopicArn = _world.Settings.TopicArn,
            Subject = "WSO2 dev: deployment FAILED",
            Message = "rolled back",
            CreatedAt = now,
            HeldUntil = now + OutboxSender.Hold,
        }, default);
    }
}

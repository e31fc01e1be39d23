using Wso2Serverless.Aws.DynamoDb;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Notifications;

namespace Wso2Serverless.Aws.Tests.DynamoDb;

/// <summary>The notification outbox against moto's DynamoDB: the close and the queued notification are one transaction.</summary>
public sealed class NotificationOutboxTests(MotoFixture moto) : IClassFixture<MotoFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private readonly DynamoDbClient _client = MotoDynamoDb.Client(moto);
    private DynamoDeploymentStore _store = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _store = new DynamoDeploymentStore(_client, await MotoDynamoDb.NewTableAsync(_client));

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Close_WithANotification_ClosesTheRecordAndQueuesItTogether()
    {
        await _store.CreateAsync(Running("tx-1"), Ct);

        (await _store.CloseAsync(Closing("tx-1"), Message("tx-1"), Ct)).Should().BeTrue();

        var record = await _store.GetAsync("tx-1", Ct);
        record!.Status.Should().Be(DeploymentStatus.Failed);
        record.FailedPhase.Should().Be(PhaseNames.CreateStack);
        var queued = await _store.GetNotificationAsync("tx-1", Ct);
        queued.Should().BeEquivalentTo(Message("tx-1"));
        (await _store.ListPendingAsync(10, Ct)).Select(m => m.DeploymentId).Should().Equal("tx-1");
    }

    [Fact]
    public async Task Close_OfARecordNoLongerRunning_WritesNeitherAndSaysSo()
    {
        await _store.CreateAsync(Running("tx-2"), Ct);
        await _store.CloseAsync("tx-2", DeploymentStatus.Cancelled, null, "cancelled", T0.AddMinutes(5), Ct);

        (await _store.CloseAsync(Closing("tx-2"), Message("tx-2"), Ct)).Should().BeFalse();

        (await _store.GetAsync("tx-2", Ct))!.Status.Should().Be(DeploymentStatus.Cancelled);
        (await _store.GetNotificationAsync("tx-2", Ct)).Should().BeNull("the transaction wrote nothing");
    }

    [Fact]
    public async Task Close_ByTwoClosersAtOnce_QueuesOneNotification()
    {
        await _store.CreateAsync(Running("tx-race"), Ct);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            Task.Run(() => _store.CloseAsync(Closing("tx-race") with { Reason = $"closer {i}" }, Message("tx-race") with { Subject = $"closer {i}" }, Ct), Ct)));

        results.Count(r => r).Should().Be(1);
        var record = await _store.GetAsync("tx-race", Ct);
        (await _store.GetNotificationAsync("tx-race", Ct))!.Subject.Should().Be(record!.Reason, "the notification is the winning closer's");
    }

    [Fact]
    public async Task CreateClosed_WritesTheRejectedRecordAndItsNotificationOnce()
    {
        var rejected = Running("rej-1") with { Status = DeploymentStatus.Rejected, EndedAt = T0, FailedPhase = PhaseNames.Accept, Reason = "invalid" };

        (await _store.CreateClosedAsync(rejected, Message("rej-1"), Ct)).Should().BeTrue();
        (await _store.CreateClosedAsync(rejected, Message("rej-1") with { Subject = "second" }, Ct)).Should().BeFalse();

        (await _store.GetAsync("rej-1", Ct))!.Status.Should().Be(DeploymentStatus.Rejected);
        (await _store.GetNotificationAsync("rej-1", Ct))!.Subject.Should().Be(Message("rej-1").Subject);
    }

    [Fact]
    public async Task Claim_WhileHeld_Fails_AfterTheHold_OneOfTwoClaimersWins()
    {
        await _store.CreateAsync(Running("cl-1"), Ct);
        await _store.CloseAsync(Closing("cl-1"), Message("cl-1"), Ct); // held until T0 + 2 min

        (await _store.ClaimAsync("cl-1", T0.AddMinutes(1), T0.AddMinutes(3), Ct)).Should().BeFalse("the closer still holds it");
        var claims = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => _store.ClaimAsync("cl-1", T0.AddMinutes(5), T0.AddMinutes(7), Ct), Ct)));

        claims.Count(c => c).Should().Be(1);
        var held = await _store.GetNotificationAsync("cl-1", Ct);
        held!.Attempts.Should().Be(1);
        held.HeldUntil.Should().Be(T0.AddMinutes(7));
    }

    [Fact]
    public async Task MarkSent_TakesItOutOfThePendingList_AndOnlyOnce()
    {
        await _store.CreateAsync(Running("sent-1"), Ct);
        await _store.CloseAsync(Closing("sent-1"), Message("sent-1"), Ct);

        (await _store.MarkSentAsync("sent-1", T0.AddSeconds(3), Ct)).Should().BeTrue();
        (await _store.MarkSentAsync("sent-1", T0.AddSeconds(4), Ct)).Should().BeFalse();

        (await _store.ListPendingAsync(10, Ct)).Should().BeEmpty();
        var sent = await _store.GetNotificationAsync("sent-1", Ct);
        sent!.Status.Should().Be(OutboxStatus.Sent);
        sent.SentAt.Should().Be(T0.AddSeconds(3));
        (await _store.ClaimAsync("sent-1", T0.AddHours(1), T0.AddHours(2), Ct)).Should().BeFalse("a sent notification is never claimed again");
    }

    [Fact]
    public async Task SendFailure_IsRemembered_AndAbandoningTakesItOutOfThePendingList()
    {
        await _store.CreateAsync(Running("fail-1"), Ct);
        await _store.CloseAsync(Closing("fail-1"), Message("fail-1"), Ct);

        await _store.RecordSendFailureAsync("fail-1", "sns: NotFound: Topic does not exist", abandon: false, Ct);
        (await _store.ListPendingAsync(10, Ct)).Should().ContainSingle().Which.LastError.Should().Contain("NotFound");
        await _store.RecordSendFailureAsync("fail-1", "sns: NotFound: Topic does not exist", abandon: true, Ct);

        (await _store.ListPendingAsync(10, Ct)).Should().BeEmpty();
        (await _store.GetNotificationAsync("fail-1", Ct))!.Status.Should().Be(OutboxStatus.Abandoned);
    }

    [Fact]
    public async Task Record_KeepsItsNotificationOptions()
    {
        var record = Running("opt-1") with { Notification = new NotificationOptions("arn:aws:sns:eu-west-1:123456789012:wso2-team", false, "[dev]") };

        await _store.CreateAsync(record, Ct);

        (await _store.GetAsync("opt-1", Ct))!.Notification.Should().Be(record.Notification);
    }

    private static DeploymentRecord Running(string id) => new()
    {
        DeploymentId = id,
        Environment = "dev",
        StackName = "wso2-dev",
        Status = DeploymentStatus.Running,
        StartedAt = T0.AddHours(-1),
    };

    private static RecordClosing Closing(string id) => new(id, DeploymentStatus.Failed, PhaseNames.CreateStack, "ROLLBACK_COMPLETE", T0);

    private static OutboxMessage Message(string id) => new()
    {
        DeploymentId = id,
        TopicArn = "arn:aws:sns:eu-west-1:123456789012:wso2-deployments",
        Subject = "ROLLBACK_COMPLETE",
        Message = "Deployment failed in CreateStack",
        CreatedAt = T0,
        HeldUntil = T0.AddMinutes(2),
    };
}

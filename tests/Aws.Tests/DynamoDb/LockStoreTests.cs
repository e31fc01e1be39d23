using Wso2Serverless.Aws.DynamoDb;

namespace Wso2Serverless.Aws.Tests.DynamoDb;

public sealed class LockStoreTests(MotoFixture moto) : IClassFixture<MotoFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromHours(3);
    private readonly DynamoDbClient _client = MotoDynamoDb.Client(moto);
    private DynamoLockStore _locks = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _locks = new DynamoLockStore(_client, await MotoDynamoDb.NewTableAsync(_client));

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Acquire_WhenFree_TakesLockWithLease()
    {
        var attempt = await _locks.AcquireAsync("dev", "d-1", T0, Lease, Ct);

        attempt.Acquired.Should().BeTrue();
        var holder = await _locks.GetAsync("dev", Ct);
        holder.Should().Be(new Wso2Serverless.Domain.Model.LockInfo("dev", "d-1", T0, T0 + Lease));
    }

    [Fact]
    public async Task Acquire_WhenLockHeldByOther_RejectsAndNamesHolder()
    {
        await _locks.AcquireAsync("dev", "d-1", T0, Lease, Ct);

        var attempt = await _locks.AcquireAsync("dev", "d-2", T0.AddMinutes(5), Lease, Ct);

        attempt.Acquired.Should().BeFalse();
        attempt.Holder!.DeploymentId.Should().Be("d-1");
        attempt.Holder.AcquiredAt.Should().Be(T0);
    }

    [Fact]
    public async Task Acquire_Concurrently_ExactlyOneWinsAndLosersSeeTheWinner()
    {
        for (var round = 0; round < 15; round++)
        {
            var environment = $"race-{round}";
            var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
                Task.Run(() => _locks.AcquireAsync(environment, $"d-{round}-{i}", T0, Lease, Ct), Ct)));

            attempts.Count(a => a.Acquired).Should().Be(1, $"round {round}");
            var winner = attempts.Single(a => a.Acquired).Holder!;
            attempts.Where(a => !a.Acquired).Should().AllSatisfy(a =>
            {
                a.Holder!.DeploymentId.Should().Be(winner.DeploymentId);
                a.Holder.AcquiredAt.Should().Be(T0);
            });
            (await _locks.GetAsync(environment, Ct))!.DeploymentId.Should().Be(winner.DeploymentId);
        }
    }

    [Fact]
    public async Task Acquire_AgainBySameOwner_SucceedsKeepsAcquiredAtAndExtendsLease()
    {
        await _locks.AcquireAsync("dev", "d-1", T0, Lease, Ct);

        var again = await _locks.AcquireAsync("dev", "d-1", T0.AddMinutes(10), Lease, Ct);

        again.Acquired.Should().BeTrue();
        var holder = await _locks.GetAsync("dev", Ct);
        holder!.AcquiredAt.Should().Be(T0);
        holder.LeaseExpiresAt.Should().Be(T0.AddMinutes(10) + Lease);
    }

    [Fact]
    public async Task Acquire_WhenLeaseExpired_AnotherOwnerTakesOver()
    {
        await _locks.AcquireAsync("dev", "crashed", T0, Lease, Ct);

        var later = T0 + Lease + TimeSpan.FromSeconds(1);
        var attempt = await _locks.AcquireAsync("dev", "d-2", later, Lease, Ct);

        attempt.Acquired.Should().BeTrue();
        (await _locks.GetAsync("dev", Ct)).Should().Be(new Wso2Serverless.Domain.Model.LockInfo("dev", "d-2", later, later + Lease));
    }

    [Fact]
    public async Task Acquire_JustBeforeLeaseEnds_StillRejects()
    {
        await _locks.AcquireAsync("dev", "d-1", T0, Lease, Ct);

        var attempt = await _locks.AcquireAsync("dev", "d-2", T0 + Lease - TimeSpan.FromSeconds(1), Lease, Ct);

        attempt.Acquired.Should().BeFalse();
    }

    [Fact]
    public async Task Release_ByNonOwner_ChangesNothing()
    {
        await _locks.AcquireAsync("dev", "d-1", T0, Lease, Ct);

        var released = await _locks.ReleaseAsync("dev", "d-2", Ct);

        released.Should().BeFalse();
        (await _locks.GetAsync("dev", Ct))!.DeploymentId.Should().Be("d-1");
    }

    [Fact]
    public async Task Release_ByOwner_FreesTheLockForOthers()
    {
        await _locks.AcquireAsync("dev", "d-1", T0, Lease, Ct);

        (await _locks.ReleaseAsync("dev", "d-1", Ct)).Should().BeTrue();

        (await _locks.GetAsync("dev", Ct)).Should().BeNull();
        (await _locks.AcquireAsync("dev", "d-2", T0.AddMinutes(1), Lease, Ct)).Acquired.Should().BeTrue();
        (await _locks.ReleaseAsync("dev", "d-1", Ct)).Should().BeFalse();
    }

    [Fact]
    public async Task Renew_ByOwner_ExtendsLease_ByOtherFails()
    {
        await _locks.AcquireAsync("dev", "d-1", T0, Lease, Ct);

        (await _locks.RenewAsync("dev", "d-1", T0.AddHours(2), Lease, Ct)).Should().BeTrue();
        (await _locks.RenewAsync("dev", "d-2", T0.AddHours(2), Lease, Ct)).Should().BeFalse();
        (await _locks.RenewAsync("other", "d-1", T0.AddHours(2), Lease, Ct)).Should().BeFalse();

        (await _locks.GetAsync("dev", Ct))!.LeaseExpiresAt.Should().Be(T0.AddHours(2) + Lease);
        (await _locks.AcquireAsync("dev", "d-2", T0 + Lease + TimeSpan.FromMinutes(1), Lease, Ct)).Acquired.Should().BeFalse();
    }
}

using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Functions.Tests.Fakes;

/// <summary>
/// <see cref="ILockStore"/> in memory: free, expired or already-ours locks are taken; a held
/// lease is not. A lease expires when <c>now &gt;= LeaseExpiresAt</c>.
/// </summary>
public sealed class InMemoryLockStore : ILockStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LockInfo> _locks = new(StringComparer.Ordinal);

    public FaultPlan Faults { get; } = new();

    public LockInfo? Holder(string environment)
    {
        lock (_gate)
        {
            return _locks.GetValueOrDefault(environment);
        }
    }

    /// <summary>Puts a lock in place directly, e.g. another deployment's.</summary>
    public void Seed(LockInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        lock (_gate)
        {
            _locks[info.Environment] = info;
        }
    }

    public Task<LockAttempt> AcquireAsync(string environment, string deploymentId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        Faults.Enter("Acquire");
        lock (_gate)
        {
            if (_locks.TryGetValue(environment, out var held) && held.DeploymentId != deploymentId && held.LeaseExpiresAt > now)
            {
                return Task.FromResult(new LockAttempt(false, held));
            }

            // Re-acquiring our own lock keeps the original acquisition time and extends the lease.
            var acquiredAt = held is not null && held.DeploymentId == deploymentId ? held.AcquiredAt : now;
            var info = new LockInfo(environment, deploymentId, acquiredAt, now + lease);
            _locks[environment] = info;
            return Task.FromResult(new LockAttempt(true, info));
        }
    }

    public Task<bool> RenewAsync(string environment, string deploymentId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        Faults.Enter("Renew");
        lock (_gate)
        {
            if (!_locks.TryGetValue(environment, out var held) || held.DeploymentId != deploymentId)
            {
                return Task.FromResult(false);
            }

            _locks[environment] = held with { LeaseExpiresAt = now + lease };
            return Task.FromResult(true);
        }
    }

    public Task<bool> ReleaseAsync(string environment, string deploymentId, CancellationToken cancellationToken)
    {
        Faults.Enter("Release");
        lock (_gate)
        {
            if (!_locks.TryGetValue(environment, out var held) || held.DeploymentId != deploymentId)
            {
                return Task.FromResult(false);
            }

            _locks.Remove(environment);
            return Task.FromResult(true);
        }
    }

    public Task<LockInfo?> GetAsync(string environment, CancellationToken cancellationToken)
    {
        Faults.Enter("Get");
        return Task.FromResult(Holder(environment));
    }
}

using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Domain.Ports;

/// <summary>
/// One lock per environment, with a lease so a crashed run cannot hold it forever. The holder
/// is a deployment id; acquiring again with the same id is a no-op success (duplicate Accept).
/// </summary>
public interface ILockStore
{
    /// <summary>Takes the lock when free, expired, or already ours. Otherwise returns the holder.</summary>
    Task<LockAttempt> AcquireAsync(string environment, string deploymentId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Extends our lease; false when the lock is no longer ours.</summary>
    Task<bool> RenewAsync(string environment, string deploymentId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Releases the lock if we hold it; false when it was not ours (nothing changes).</summary>
    Task<bool> ReleaseAsync(string environment, string deploymentId, CancellationToken cancellationToken);

    Task<LockInfo?> GetAsync(string environment, CancellationToken cancellationToken);
}

/// <summary>Acquired, or the current holder when busy.</summary>
public sealed record LockAttempt(bool Acquired, LockInfo? Holder);

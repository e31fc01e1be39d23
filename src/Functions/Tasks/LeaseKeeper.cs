using Wso2Serverless.Domain.Model;
using Wso2Serverless.Functions.Hosting;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// Renews the environment lock's lease at each phase. The lease exists so a crashed run cannot
/// hold the lock forever; a long healthy run must therefore keep extending it.
/// </summary>
internal static class LeaseKeeper
{
    /// <summary>Null when the lease is ours; otherwise the cause to fail with.</summary>
    public static async Task<string?> RenewAsync(FunctionServices services, Deployment deployment, CancellationToken ct)
    {
        var renewed = await services.Locks.RenewAsync(deployment.Environment, deployment.DeploymentId, services.Clock.UtcNow, services.Settings.LockLease, ct).ConfigureAwait(false);
        if (renewed)
        {
            return null;
        }

        var holder = await services.Locks.GetAsync(deployment.Environment, ct).ConfigureAwait(false);
        return holder is null
            ? $"The lock on environment {deployment.Environment} was released while deployment {deployment.DeploymentId} was still running"
            : $"The lock on environment {deployment.Environment} is now held by deployment {holder.DeploymentId}; deployment {deployment.DeploymentId} lost it (its lease expired)";
    }
}

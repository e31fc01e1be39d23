using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Domain.Ports;

/// <summary>Environments registered for scheduled rebuilds and expiry.</summary>
public interface IEnvironmentStore
{
    Task PutAsync(EnvironmentConfig config, CancellationToken cancellationToken);
    Task<EnvironmentConfig?> GetAsync(string environment, CancellationToken cancellationToken);
    Task<IReadOnlyList<EnvironmentConfig>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Moves LastScheduledAt forward from <paramref name="expectedPrevious"/> to <paramref name="dueAt"/>;
    /// false when another tick did it first, so one due time starts one run.
    /// </summary>
    Task<bool> MarkScheduledAsync(string environment, DateTimeOffset? expectedPrevious, DateTimeOffset dueAt, CancellationToken cancellationToken);
}

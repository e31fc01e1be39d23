using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Functions.Tests.Fakes;

/// <summary><see cref="IEnvironmentStore"/> in memory; <see cref="MarkScheduledAsync"/> is a compare-and-set like the DynamoDB condition.</summary>
public sealed class InMemoryEnvironmentStore : IEnvironmentStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, EnvironmentConfig> _configs = new(StringComparer.Ordinal);

    public FaultPlan Faults { get; } = new();

    public Task PutAsync(EnvironmentConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        Faults.Enter("Put");
        lock (_gate)
        {
            _configs[config.Environment] = config;
        }

        return Task.CompletedTask;
    }

    public Task<EnvironmentConfig?> GetAsync(string environment, CancellationToken cancellationToken)
    {
        Faults.Enter("Get");
        lock (_gate)
        {
            return Task.FromResult(_configs.GetValueOrDefault(environment));
        }
    }

    public Task<IReadOnlyList<EnvironmentConfig>> ListAsync(CancellationToken cancellationToken)
    {
        Faults.Enter("List");
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<EnvironmentConfig>>([.. _configs.Values.OrderBy(c => c.Environment, StringComparer.Ordinal)]);
        }
    }

    public Task<bool> MarkScheduledAsync(string environment, DateTimeOffset? expectedPrevious, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        Faults.Enter("MarkScheduled");
        lock (_gate)
        {
            if (!_configs.TryGetValue(environment, out var config) || config.LastScheduledAt != expectedPrevious)
            {
                return Task.FromResult(false);
            }

            _configs[environment] = config with { LastScheduledAt = dueAt };
            return Task.FromResult(true);
        }
    }
}

using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Functions.Tests.Fakes;

/// <summary>
/// <see cref="IDeploymentStore"/> in memory, with the same conditions as the DynamoDB store:
/// a record is created once, only a Running record is updated or closed, and exactly one
/// caller claims a phase attempt's command.
/// </summary>
public sealed partial class InMemoryDeploymentStore : IDeploymentStore
{
    private readonly Lock _gate = new();
    private readonly List<DeploymentRecord> _records = [];
    private readonly Dictionary<(string Id, string Phase), PhaseRecord> _phases = [];
    private readonly List<(string Id, string Phase)> _phaseOrder = [];
    private readonly Dictionary<(string Id, string Phase, int Attempt), CommandClaim> _claims = [];

    public FaultPlan Faults { get; } = new();

    /// <summary>Every phase write in order, so tests can see the Running → Succeeded history.</summary>
    public List<PhaseRecord> PhaseWrites { get; } = [];

    public DeploymentRecord? Record(string deploymentId)
    {
        lock (_gate)
        {
            return _records.FirstOrDefault(r => r.DeploymentId == deploymentId);
        }
    }

    public PhaseRecord? Phase(string deploymentId, string phase)
    {
        lock (_gate)
        {
            return _phases.GetValueOrDefault((deploymentId, phase));
        }
    }

    public IReadOnlyList<PhaseRecord> Phases(string deploymentId)
    {
        lock (_gate)
        {
            return [.. _phaseOrder.Where(k => k.Id == deploymentId).Select(k => _phases[k]).OrderBy(p => p.StartedAt)];
        }
    }

    public Task<bool> CreateAsync(DeploymentRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        Faults.Enter("Create");
        lock (_gate)
        {
            if (_records.Any(r => r.DeploymentId == record.DeploymentId))
            {
                return Task.FromResult(false);
            }

            _records.Add(record);
            return Task.FromResult(true);
        }
    }

    public Task<DeploymentRecord?> GetAsync(string deploymentId, CancellationToken cancellationToken)
    {
        Faults.Enter("Get");
        return Task.FromResult(Record(deploymentId));
    }

    public Task UpdateRunningAsync(string deploymentId, string? executionArn, string? stackId, IReadOnlyDictionary<string, string>? outputs, CancellationToken cancellationToken)
    {
        Faults.Enter("UpdateRunning");
        lock (_gate)
        {
            var index = _records.FindIndex(r => r.DeploymentId == deploymentId);
            if (index >= 0 && _records[index].Status == DeploymentStatus.Running)
            {
                // Like the DynamoDB update: only the given attributes change.
                var current = _records[index];
                _records[index] = current with
                {
                    ExecutionArn = executionArn ?? current.ExecutionArn,
                    StackId = stackId ?? current.StackId,
                    Outputs = outputs ?? current.Outputs,
                };
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> CloseAsync(string deploymentId, DeploymentStatus status, string? failedPhase, string? reason, DateTimeOffset endedAt, CancellationToken cancellationToken)
    {
        Faults.Enter("Close");
        lock (_gate)
        {
            var index = _records.FindIndex(r => r.DeploymentId == deploymentId);
            if (index < 0 || _records[index].Status != DeploymentStatus.Running)
            {
                return Task.FromResult(false);
            }

            _records[index] = _records[index] with { Status = status, FailedPhase = failedPhase, Reason = reason, EndedAt = endedAt };
            return Task.FromResult(true);
        }
    }

    public Task<Page<DeploymentRecord>> ListByEnvironmentAsync(string environment, int limit, string? cursor, CancellationToken cancellationToken)
    {
        Faults.Enter("ListByEnvironment");
        lock (_gate)
        {
            var all = _records.Where(r => r.Environment == environment)
                .OrderByDescending(r => r.StartedAt)
                .ThenByDescending(r => r.DeploymentId, StringComparer.Ordinal)
                .ToList();
            // The cursor is an offset here; DynamoDB's is an opaque key, callers treat both as opaque.
            var skip = cursor is null ? 0 : int.Parse(cursor, System.Globalization.CultureInfo.InvariantCulture);
            var items = all.Skip(skip).Take(limit).ToList();
            var next = skip + items.Count < all.Count ? (skip + items.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return Task.FromResult(new Page<DeploymentRecord>(items, next));
        }
    }

    public Task PutPhaseAsync(PhaseRecord phase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phase);
        Faults.Enter("PutPhase");
        lock (_gate)
        {
            var key = (phase.DeploymentId, phase.Phase);
            if (!_phases.ContainsKey(key))
            {
                _phaseOrder.Add(key);
            }

            _phases[key] = phase;
            PhaseWrites.Add(phase);
        }

        return Task.CompletedTask;
    }

    public Task<PhaseRecord?> GetPhaseAsync(string deploymentId, string phase, CancellationToken cancellationToken)
    {
        Faults.Enter("GetPhase");
        return Task.FromResult(Phase(deploymentId, phase));
    }

    public Task<IReadOnlyList<PhaseRecord>> GetPhasesAsync(string deploymentId, CancellationToken cancellationToken)
    {
        Faults.Enter("GetPhases");
        return Task.FromResult(Phases(deploymentId));
    }

    public Task AddSubStepAsync(string deploymentId, string phase, SubStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        Faults.Enter("AddSubStep");
        lock (_gate)
        {
            var key = (deploymentId, phase);
            if (_phases.TryGetValue(key, out var existing))
            {
                _phases[key] = existing with { SubSteps = [.. existing.SubSteps, step] };
            }
            else
            {
                // A progress signal can arrive before the phase wrote its own item (the
                // DynamoDB store's list_append creates the item too).
                _phaseOrder.Add(key);
                _phases[key] = new PhaseRecord
                {
                    DeploymentId = deploymentId,
                    Phase = phase,
                    Status = PhaseStatus.Running,
                    StartedAt = step.At,
                    SubSteps = [step],
                };
            }
        }

        return Task.CompletedTask;
    }

    public Task<CommandClaim> ClaimCommandAsync(string deploymentId, string phase, int attempt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Faults.Enter("ClaimCommand");
        lock (_gate)
        {
            var key = (deploymentId, phase, attempt);
            if (_claims.TryGetValue(key, out var existing))
            {
                return Task.FromResult(existing.CommandId is null
                    ? new CommandClaim(CommandClaimStatus.InFlight, null, existing.ClaimedAt)
                    : new CommandClaim(CommandClaimStatus.AlreadySent, existing.CommandId, existing.ClaimedAt));
            }

            var claim = new CommandClaim(CommandClaimStatus.Claimed, null, now);
            _claims[key] = claim;
            return Task.FromResult(claim);
        }
    }

    public Task RecordCommandAsync(string deploymentId, string phase, int attempt, string commandId, CancellationToken cancellationToken)
    {
        Faults.Enter("RecordCommand");
        lock (_gate)
        {
            var key = (deploymentId, phase, attempt);
            var claimedAt = _claims.TryGetValue(key, out var existing) ? existing.ClaimedAt : null;
            // First id wins: a second recorder of the same attempt does not overwrite it.
            if (existing?.CommandId is null)
            {
                _claims[key] = new CommandClaim(CommandClaimStatus.AlreadySent, commandId, claimedAt);
            }
        }

        return Task.CompletedTask;
    }
}

using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Functions.Tests.Fakes;

/// <summary>
/// <see cref="IDeploymentStore"/> in memory, with the same conditions as the DynamoDB store:
/// a record is created once, only a Running record is updated or closed, a phase is opened only
/// by its task, appended to only while Running and never reopened, a sub-step is kept once, and
/// exactly one caller claims a phase attempt's command (a released claim can be claimed again).
/// </summary>
public sealed partial class InMemoryDeploymentStore : IDeploymentStore
{
    private readonly Lock _gate = new();
    private readonly List<DeploymentRecord> _records = [];
    private readonly Dictionary<(string Id, string Phase), PhaseRecord> _phases = [];
    private readonly List<(string Id, string Phase)> _phaseOrder = [];
    private readonly Dictionary<(string Id, string Phase, int Attempt), ClaimItem> _claims = [];

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
            if (_phases.TryGetValue(key, out var existing) && existing.Status != PhaseStatus.Running)
            {
                return Task.CompletedTask; // a closed phase stays as it was closed
            }

            // Sub-steps are appended only: a whole-item writer's list may be stale.
            Write(phase with { SubSteps = existing?.SubSteps ?? [] });
        }

        return Task.CompletedTask;
    }

    public Task<PhaseRecord> StartPhaseAsync(string deploymentId, string phase, DateTimeOffset startedAt, IReadOnlyDictionary<string, string>? detail, CancellationToken cancellationToken)
    {
        Faults.Enter("StartPhase");
        lock (_gate)
        {
            if (_phases.TryGetValue((deploymentId, phase), out var existing))
            {
                if (existing.Status != PhaseStatus.Running || detail is not { Count: > 0 })
                {
                    return Task.FromResult(existing);
                }

                return Task.FromResult(Write(existing with { Detail = Merge(existing.Detail, detail) }));
            }

            return Task.FromResult(Write(new PhaseRecord
            {
                DeploymentId = deploymentId, Phase = phase, Status = PhaseStatus.Running, StartedAt = startedAt,
                Detail = detail ?? new Dictionary<string, string>(),
            }));
        }
    }

    public Task<PhaseAppendResult> AppendToPhaseAsync(string deploymentId, string phase, PhaseAppend append, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(append);
        Faults.Enter("AppendToPhase");
        lock (_gate)
        {
            if (!_phases.TryGetValue((deploymentId, phase), out var existing) || existing.Status != PhaseStatus.Running)
            {
                return Task.FromResult(PhaseAppendResult.NotRunning);
            }

            var room = Math.Max(0, MaxSubSteps - existing.SubSteps.Count);
            var fresh = append.SubSteps.DistinctBy(StepKey).Where(s => !existing.SubSteps.Any(e => StepKey(e) == StepKey(s))).Take(room).ToList();
            var hasOther = append.Detail is { Count: > 0 } || append.Instances is { Count: > 0 };
            if (fresh.Count == 0 && !hasOther)
            {
                return Task.FromResult(PhaseAppendResult.Duplicate);
            }

            Write(existing with
            {
                Detail = Merge(existing.Detail, append.Detail),
                Instances = append.Instances is { Count: > 0 } instances ? instances : existing.Instances,
                SubSteps = [.. existing.SubSteps, .. fresh],
            });
            return Task.FromResult(append.SubSteps.Count > 0 && fresh.Count == 0 ? PhaseAppendResult.Duplicate : PhaseAppendResult.Appended);
        }
    }

    public Task<bool> SetPhaseAttemptAsync(string deploymentId, string phase, int expectedAttempt, int attempt, IReadOnlyDictionary<string, string>? detail, CancellationToken cancellationToken)
    {
        Faults.Enter("SetPhaseAttempt");
        lock (_gate)
        {
            if (!_phases.TryGetValue((deploymentId, phase), out var existing) || existing.Status != PhaseStatus.Running || existing.Attempt != expectedAttempt)
            {
                return Task.FromResult(false);
            }

            Write(existing with { Attempt = attempt, Detail = Merge(existing.Detail, detail) });
            return Task.FromResult(true);
        }
    }

    public Task<PhaseRecord> FinishPhaseAsync(PhaseFinish finish, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finish);
        Faults.Enter("FinishPhase");
        lock (_gate)
        {
            if (_phases.TryGetValue((finish.DeploymentId, finish.Phase), out var existing) && existing.Status != PhaseStatus.Running)
            {
                return Task.FromResult(existing); // the first close stands
            }

            var open = existing ?? new PhaseRecord { DeploymentId = finish.DeploymentId, Phase = finish.Phase, Status = PhaseStatus.Running, StartedAt = finish.EndedAt };
            return Task.FromResult(Write(open with
            {
                Status = finish.Status,
                EndedAt = finish.EndedAt,
                Error = finish.Error,
                Detail = Merge(open.Detail, finish.Detail),
                Instances = finish.Instances is { Count: > 0 } instances ? instances : open.Instances,
            }));
        }
    }

    private PhaseRecord Write(PhaseRecord phase)
    {
        var key = (phase.DeploymentId, phase.Phase);
        if (!_phases.ContainsKey(key))
        {
            _phaseOrder.Add(key);
        }

        _phases[key] = phase;
        PhaseWrites.Add(phase);
        return phase;
    }

    private const int MaxSubSteps = 100;

    private static (string, string, string?) StepKey(SubStep step) => (step.Name, step.Status, step.Message);

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> first, IReadOnlyDictionary<string, string>? second)
    {
        var merged = new Dictionary<string, string>(first, StringComparer.Ordinal);
        foreach (var (k, v) in second ?? new Dictionary<string, string>())
        {
            merged[k] = v;
        }

        return merged;
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

    public Task<CommandClaim> ClaimCommandAsync(string deploymentId, string phase, int attempt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Faults.Enter("ClaimCommand");
        lock (_gate)
        {
            var key = (deploymentId, phase, attempt);
            if (_claims.TryGetValue(key, out var existing) && !(existing.Released && existing.CommandId is null))
            {
                return Task.FromResult(existing.View());
            }

            var claim = new ClaimItem(Guid.NewGuid().ToString("N"), now);
            _claims[key] = claim;
            return Task.FromResult(new CommandClaim(CommandClaimStatus.Claimed, null, now) { ClaimId = claim.ClaimId, LookUpFirst = existing is not null });
        }
    }

    public Task ReleaseCommandAsync(string deploymentId, string phase, int attempt, string claimId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Faults.Enter("ReleaseCommand");
        lock (_gate)
        {
            if (_claims.TryGetValue((deploymentId, phase, attempt), out var existing) && existing.ClaimId == claimId && existing.CommandId is null)
            {
                existing.Released = true;
            }
        }

        return Task.CompletedTask;
    }

    public Task<CommandClaim> TakeOverCommandAsync(string deploymentId, string phase, int attempt, string staleClaimId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Faults.Enter("TakeOverCommand");
        lock (_gate)
        {
            var key = (deploymentId, phase, attempt);
            if (!_claims.TryGetValue(key, out var existing) || existing.ClaimId != staleClaimId || existing.CommandId is not null)
            {
                return Task.FromResult(existing?.View() ?? new CommandClaim(CommandClaimStatus.InFlight, null, null));
            }

            var claim = new ClaimItem(Guid.NewGuid().ToString("N"), now);
            _claims[key] = claim;
            return Task.FromResult(new CommandClaim(CommandClaimStatus.Claimed, null, now) { ClaimId = claim.ClaimId, LookUpFirst = true });
        }
    }

    public Task RecordCommandAsync(string deploymentId, string phase, int attempt, string commandId, CancellationToken cancellationToken)
    {
        Faults.Enter("RecordCommand");
        lock (_gate)
        {
            var key = (deploymentId, phase, attempt);
            if (!_claims.TryGetValue(key, out var existing))
            {
                existing = new ClaimItem("", default);
                _claims[key] = existing;
            }

            // First id wins: a second recorder of the same attempt does not overwrite it.
            existing.CommandId ??= commandId;
        }

        return Task.CompletedTask;
    }

    private sealed class ClaimItem(string claimId, DateTimeOffset claimedAt)
    {
        public string ClaimId { get; } = claimId;
        public DateTimeOffset ClaimedAt { get; } = claimedAt;
        public bool Released { get; set; }
        public string? CommandId { get; set; }

        public CommandClaim View() => new(CommandId is null ? CommandClaimStatus.InFlight : CommandClaimStatus.AlreadySent, CommandId, ClaimedAt) { ClaimId = ClaimId };
    }
}

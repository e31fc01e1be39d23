using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Functions.Tests.Fakes;

/// <summary>
/// <see cref="ITokenStore"/> in memory, with the DynamoDB store's semantics. Per correlation key:
/// the latest registered token (a resumed wait registers a fresh one), the first final outcome
/// (later ones do not replace it; an "only if awaited" write writes nothing without a token), and
/// the progress steps held before the phase started (each once, at most 100).
/// </summary>
public sealed class InMemoryTokenStore : ITokenStore
{
    private const int MaxHeldSteps = 100;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public FaultPlan Faults { get; } = new();

    public PendingToken? Token(string correlationKey)
    {
        lock (_gate)
        {
            return _entries.GetValueOrDefault(correlationKey)?.Token;
        }
    }

    public CallbackOutcome? Outcome(string correlationKey)
    {
        lock (_gate)
        {
            return _entries.GetValueOrDefault(correlationKey)?.Outcome;
        }
    }

    public IReadOnlyList<SubStep> HeldSteps(string correlationKey)
    {
        lock (_gate)
        {
            return [.. _entries.GetValueOrDefault(correlationKey)?.Held ?? []];
        }
    }

    public IReadOnlyList<string> Keys
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries.Keys];
            }
        }
    }

    public Task<TokenRegistration> RegisterAsync(string correlationKey, PendingToken token, CancellationToken cancellationToken)
    {
        Faults.Enter("Register");
        lock (_gate)
        {
            var entry = EntryFor(correlationKey);
            entry.Token = token;
            return Task.FromResult(new TokenRegistration(entry.Outcome, [.. entry.Held]));
        }
    }

    public Task<RecordedOutcome?> RecordOutcomeAsync(string correlationKey, CallbackOutcome outcome, DateTimeOffset now, bool onlyIfAwaited, CancellationToken cancellationToken)
    {
        Faults.Enter("RecordOutcome");
        lock (_gate)
        {
            if (onlyIfAwaited && _entries.GetValueOrDefault(correlationKey)?.Token is null)
            {
                return Task.FromResult<RecordedOutcome?>(null);
            }

            var entry = EntryFor(correlationKey);
            entry.Outcome ??= outcome;
            return Task.FromResult<RecordedOutcome?>(new RecordedOutcome(entry.Token, entry.Outcome));
        }
    }

    public Task<PendingToken?> GetAsync(string correlationKey, CancellationToken cancellationToken)
    {
        Faults.Enter("Get");
        return Task.FromResult(Token(correlationKey));
    }

    public Task HoldStepAsync(string correlationKey, SubStep step, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        Faults.Enter("HoldStep");
        lock (_gate)
        {
            var entry = EntryFor(correlationKey);
            if (entry.Held.Count < MaxHeldSteps && !entry.Held.Any(h => (h.Name, h.Status, h.Message) == (step.Name, step.Status, step.Message)))
            {
                entry.Held.Add(step);
            }
        }

        return Task.CompletedTask;
    }

    private Entry EntryFor(string key)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            entry = new Entry();
            _entries[key] = entry;
        }

        return entry;
    }

    private sealed class Entry
    {
        public PendingToken? Token { get; set; }
        public CallbackOutcome? Outcome { get; set; }
        public List<SubStep> Held { get; } = [];
    }
}

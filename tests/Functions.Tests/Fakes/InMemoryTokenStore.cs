using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Functions.Tests.Fakes;

/// <summary>
/// <see cref="ITokenStore"/> in memory. Per correlation key: the latest registered token (a
/// resumed wait registers a fresh one), the first final outcome (later ones do not replace it),
/// and which tokens were claimed (once each).
/// </summary>
public sealed class InMemoryTokenStore : ITokenStore
{
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

    public Task<CallbackOutcome?> RegisterAsync(string correlationKey, PendingToken token, CancellationToken cancellationToken)
    {
        Faults.Enter("Register");
        lock (_gate)
        {
            var entry = EntryFor(correlationKey);
            entry.Token = token;
            return Task.FromResult(entry.Outcome);
        }
    }

    public Task<PendingToken?> RecordOutcomeAsync(string correlationKey, CallbackOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Faults.Enter("RecordOutcome");
        lock (_gate)
        {
            var entry = EntryFor(correlationKey);
            entry.Outcome ??= outcome;
            return Task.FromResult(entry.Token);
        }
    }

    public Task<PendingToken?> GetAsync(string correlationKey, CancellationToken cancellationToken)
    {
        Faults.Enter("Get");
        return Task.FromResult(Token(correlationKey));
    }

    public Task<bool> ClaimAsync(string correlationKey, string taskToken, CancellationToken cancellationToken)
    {
        Faults.Enter("Claim");
        lock (_gate)
        {
            return Task.FromResult(EntryFor(correlationKey).Claimed.Add(taskToken));
        }
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
        public HashSet<string> Claimed { get; } = new(StringComparer.Ordinal);
    }
}

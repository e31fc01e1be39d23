using System.Collections.Concurrent;

namespace Wso2Serverless.StandIns.World;

/// <summary>
/// SSM Parameter Store in the simulated account: the SecureStrings an operator creates before a
/// deployment (the database password). Only the instances read them (the Puppet Master's user
/// data and the database scripts); the orchestrator never does.
/// </summary>
public sealed class SimulatedParameterStore
{
    private readonly ConcurrentDictionary<string, string> _secure = new(StringComparer.Ordinal);

    /// <summary>Every SecureString value held: what must never appear in a record, a log or a message.</summary>
    public IReadOnlyList<string> SecureValues => [.. _secure.Values];

    public void PutSecureString(string name, string value) => _secure[name] = value;

    /// <summary>
    /// For a world whose environments are not known in advance (<c>simulate --serve</c>): the value of a
    /// SecureString the operator is taken to have created before deploying; null leaves it missing.
    /// </summary>
    public Func<string, string?>? CreatedBeforehand { get; set; }

    /// <summary>GetParameter with decryption, as an instance allowed to read it sees it; null when there is none.</summary>
    public string? Decrypted(string? name)
    {
        if (name is null)
        {
            return null;
        }

        return _secure.TryGetValue(name, out var value) ? value
            : CreatedBeforehand?.Invoke(name) is { } created ? _secure.GetOrAdd(name, created)
            : null;
    }
}

using System.Globalization;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Validation;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// How long the environment lock's lease must last. Each waiting task renews the lease when it
/// starts (a wait entered again after Reconcile too), so the longest stretch without a renewal
/// is one wait, or the last agent run followed by Verify and Complete, plus what Lambda's
/// retries and a reconcile add (<see cref="Margin"/>). A configuration in which a stretch could
/// outlive the lease is refused, because another run could take the lock mid-wait.
/// </summary>
public static class LeaseBudget
{
    /// <summary>Room for the tasks around a wait: retries with backoff, a reconcile, Complete.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(15);

    /// <summary>The longest the lease goes without a renewal under these timeouts.</summary>
    public static TimeSpan LongestGap(PhaseTimeouts timeouts) => Stretches(timeouts).Max(s => s.Length) + Margin;

    /// <summary>Every timeout whose stretch would outlive <paramref name="lease"/>, at its request path.</summary>
    public static IReadOnlyList<ValidationProblem> Check(PhaseTimeouts timeouts, TimeSpan lease)
    {
        var problems = new List<ValidationProblem>();
        foreach (var (field, length, others) in Stretches(timeouts))
        {
            if (length + Margin > lease)
            {
                var allowed = (long)(lease - Margin - others).TotalSeconds;
                problems.Add(new ValidationProblem("$.timeouts." + field, string.Create(CultureInfo.InvariantCulture,
                    $"expected at most {Math.Max(allowed, 0)} s: the environment lock's lease ({lease.TotalMinutes:0} minutes, LockLeaseMinutes) is renewed as each wait starts, so a wait and a {Margin.TotalMinutes:0}-minute margin must fit in it, or another run could take the lock mid-wait")));
            }
        }

        return problems;
    }

    /// <summary>Each timeout, the stretch without a renewal it belongs to, and the rest of that stretch.</summary>
    private static IEnumerable<(string Field, TimeSpan Length, TimeSpan Others)> Stretches(PhaseTimeouts t)
    {
        static TimeSpan S(int seconds) => TimeSpan.FromSeconds(seconds);
        yield return ("removeOldSeconds", S(t.RemoveOldSeconds), TimeSpan.Zero);
        yield return ("createStackSeconds", S(t.CreateStackSeconds), TimeSpan.Zero);
        yield return ("puppetMasterSeconds", S(t.PuppetMasterSeconds), TimeSpan.Zero);
        yield return ("databaseScriptsSeconds", S(t.DatabaseScriptsSeconds), TimeSpan.Zero);
        // Verify renews nothing: the last agent run's wait and Verify are one stretch.
        yield return ("agentSeconds", S(t.AgentSeconds + t.VerifySeconds), S(t.VerifySeconds));
        yield return ("verifySeconds", S(t.AgentSeconds + t.VerifySeconds), S(t.AgentSeconds));
    }
}

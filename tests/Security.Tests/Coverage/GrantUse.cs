using System.Text.RegularExpressions;
using Wso2Serverless.Security.Tests.Contract;
using Wso2Serverless.Security.Tests.Simulate;
using Wso2Serverless.Security.Tests.Support;

namespace Wso2Serverless.Security.Tests.Coverage;

/// <summary>One granted action of a function's role (by statement) and whether a recorded call used it.</summary>
public sealed record GrantedAction(string Function, string Sid, string Action, bool Used);

/// <summary>
/// What the two recordings (contract on moto, every simulate scenario) show about each function's
/// grants: which recorded call each statement allowed, and which granted action no call used.
/// </summary>
public static class GrantUse
{
    /// <summary>Every evaluated request of both tiers, with the tier it came from.</summary>
    public static IEnumerable<(string Tier, Decision Decision)> Decisions(ContractRecording contract, SimulateRecording simulate) =>
        contract.Decisions.Select(d => ("contract", d)).Concat(simulate.Decisions.Select(d => ("simulate", d)));

    /// <summary>
    /// Each (function, statement, action) the template grants, used when a call of that function
    /// with that action was allowed by that statement in either tier. Both tiers resolve the same
    /// template, so the grants are the contract profile's.
    /// </summary>
    public static IReadOnlyList<GrantedAction> Of(ContractRecording contract, SimulateRecording simulate)
    {
        var allowed = Decisions(contract, simulate).Select(t => t.Decision).Where(d => d.Allowed).ToList();
        return [.. contract.Iam.GrantedActions().Distinct().Select(g => new GrantedAction(g.Function, g.Sid, g.Action,
            allowed.Any(d => d.Principal == g.Function && d.AllowedBy.Contains(g.Sid) && Matches(g.Action, d.Action))))];
    }

    /// <summary>Granted actions no call used that the reviewed list does not name.</summary>
    public static IReadOnlyList<GrantedAction> Unlisted(IEnumerable<GrantedAction> grants, IReadOnlyList<(string Function, string Action, string Reason)> listed) =>
        [.. grants.Where(g => !g.Used && !listed.Any(l => l.Function == g.Function && l.Action == g.Action))];

    /// <summary>IAM's action match: case-insensitive, <c>*</c> and <c>?</c> as wildcards.</summary>
    public static bool Matches(string pattern, string action) =>
        Regex.IsMatch(action, "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase);
}

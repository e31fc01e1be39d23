using System.Text.Json.Nodes;
using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Functions.Tests.StateMachine;

/// <summary>
/// Every route to RecordFailure names its phase explicitly (#13: a phase item opened early by
/// an event must not be blamed): a Catch or a failed reconcile goes through a Pass state of its
/// own phase that puts <c>phase</c> into <c>$.error</c>, and RecordFailure passes it on.
/// </summary>
public sealed class FailurePhaseRoutingTests
{
    /// <summary>The phase each top-level state of the deployment machine belongs to.</summary>
    private static readonly Dictionary<string, string> PhaseOf = new(StringComparer.Ordinal)
    {
        ["RemoveOld"] = PhaseNames.RemoveOld,
        ["ReconcileRemoveOld"] = PhaseNames.RemoveOld,
        ["RemoveOldReconciled"] = PhaseNames.RemoveOld,
        ["CreateStack"] = PhaseNames.CreateStack,
        ["ReconcileCreateStack"] = PhaseNames.CreateStack,
        ["CreateStackReconciled"] = PhaseNames.CreateStack,
        ["AwaitPuppetMaster"] = PhaseNames.AwaitPuppetMaster,
        ["ReconcilePuppetMaster"] = PhaseNames.AwaitPuppetMaster,
        ["PuppetMasterReconciled"] = PhaseNames.AwaitPuppetMaster,
        ["RunDatabaseScripts"] = PhaseNames.RunDatabaseScripts,
        ["ReconcileDatabaseScripts"] = PhaseNames.RunDatabaseScripts,
        ["DatabaseScriptsReconciled"] = PhaseNames.RunDatabaseScripts,
        ["RunPuppetAgents"] = PhaseNames.RunPuppetAgents,
        ["Verify"] = PhaseNames.Verify,
        ["VerifyHealthy"] = PhaseNames.Verify,
        ["Complete"] = PhaseNames.Complete,
    };

    private readonly JsonObject _states = AslStates.Load("deployment.asl.json")["States"]!.AsObject();

    [Fact]
    public void RecordFailure_PassesThePhaseFromTheError()
    {
        var payload = _states["RecordFailure"]!["Parameters"]!["Payload"]!;

        ((string?)payload["phase.$"]).Should().Be("$.error.phase");
        ((string?)payload["error.$"]).Should().Be("$.error");
        ((string?)_states["RecordRejection"]!["Parameters"]!["Payload"]!["phase"]).Should().Be(PhaseNames.Accept);
    }

    [Fact]
    public void EveryFailureRoute_GoesThroughAPassStateThatNamesItsPhase()
    {
        var routes = FailureEdges().ToList();

        routes.Select(r => r.From).Should().Contain(PhaseOf.Keys, "every phase state has a failure route");
        foreach (var (from, target) in routes)
        {
            var pass = _states[target]!.AsObject();
            ((string?)pass["Type"]).Should().Be("Pass", $"{from} fails through {target}");
            ((string?)pass["Next"]).Should().Be("RecordFailure", $"{target} leads to RecordFailure");
            ((string?)pass["ResultPath"]).Should().Be("$.error");
            ((string?)pass["Parameters"]!["phase"]).Should().Be(PhaseOf[from], $"{from}'s failure belongs to {PhaseOf[from]}");
            pass["Parameters"]!["Error.$"].Should().NotBeNull();
            pass["Parameters"]!["Cause.$"].Should().NotBeNull();
        }
    }

    [Fact]
    public void OnlyPhasePassStates_LeadToRecordFailure()
    {
        var into = _states.Where(s => (string?)s.Value!["Next"] == "RecordFailure"
            || (s.Value!["Catch"]?.AsArray().Any(c => (string?)c!["Next"] == "RecordFailure") ?? false)).ToList();

        into.Should().NotBeEmpty();
        into.Should().OnlyContain(s => (string?)s.Value!["Type"] == "Pass" && s.Value!["Parameters"]!["phase"] != null);
    }

    [Fact]
    public void TheAgentMap_FailsWithTheRolesPhaseInTheCause()
    {
        var inner = _states["RunPuppetAgents"]!["ItemProcessor"]!["States"]!.AsObject();
        var fails = inner.Where(s => (string?)s.Value!["Type"] == "Fail").ToList();
        var phased = inner.Where(s => (string?)s.Value!["Parameters"]?["phase.$"] == "States.Format('RunPuppetAgents:{}', $.agent.role)").ToList();

        fails.Should().ContainSingle("one way out of an agent run that failed");
        phased.Should().ContainSingle("one state names the role's phase");
        inner.Where(s => (string?)s.Value!["Type"] == "Pass")
            .Any(s => (string?)s.Value!["Parameters"]?["Cause.$"] == "States.JsonToString($.error)").Should().BeTrue("the phase travels in the Map's cause");
        foreach (var (name, node) in inner.Where(s => s.Value!["Catch"] != null))
        {
            node!["Catch"]!.AsArray().Select(c => (string)c!["Next"]!).Should().OnlyContain(n => n.StartsWith("Reconcile", StringComparison.Ordinal) || n == phased[0].Key,
                $"{name}'s errors go through {phased[0].Key}");
        }
    }

    /// <summary>(state, where its failure goes): non-timeout Catches, and the failure branch of the reconcile and verify choices.</summary>
    private IEnumerable<(string From, string Target)> FailureEdges()
    {
        foreach (var (name, node) in _states)
        {
            var state = node!.AsObject();
            foreach (var c in state["Catch"]?.AsArray() ?? [])
            {
                var next = (string)c!["Next"]!;
                if (!next.StartsWith("Reconcile", StringComparison.Ordinal) && PhaseOf.ContainsKey(name))
                {
                    yield return (name, next);
                }
            }

            if ((string?)state["Type"] == "Choice" && PhaseOf.ContainsKey(name))
            {
                yield return (name, (string)state["Default"]!);
            }
        }
    }
}

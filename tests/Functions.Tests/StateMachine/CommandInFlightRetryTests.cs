using Wso2Serverless.Domain.Workflow;
using Wso2Serverless.Functions.Tasks;

namespace Wso2Serverless.Functions.Tests.StateMachine;

/// <summary>
/// A command claim whose sender died (a Lambda timeout between the claim and SendCommand) is taken
/// over only after <see cref="CommandLauncher.AbandonedAfter"/>; until then every retry of the task
/// fails with Wso2.CommandInFlight. Its retrier must therefore still be retrying by then, whatever
/// the jitter draws. Found by simulate --chaos (seed 23): with full jitter the four retries were
/// spent in 66 s and the agent phase failed although nothing was wrong.
/// </summary>
public sealed class CommandInFlightRetryTests
{
    public static TheoryData<string> Files => [.. AslStates.Files];

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryCommandInFlightRetrier_OutlastsAnAbandonedClaim(string file)
    {
        var retriers = AslStates.All(file)
            .SelectMany(s => (s.State["Retry"]?.AsArray() ?? []).Select(r => (s.Name, Retrier: r!.AsObject())))
            .Where(r => AslStates.Names(r.Retrier["ErrorEquals"]).Contains(WorkflowErrors.CommandInFlight))
            .ToList();

        retriers.Should().NotBeEmpty();
        foreach (var (state, retrier) in retriers)
        {
            ShortestWait(retrier).Should().BeGreaterThan(CommandLauncher.AbandonedAfter,
                $"{file} {state}: its last retry must come after an abandoned claim can be taken over");
        }
    }

    /// <summary>The least time the retrier can wait in all before its last attempt: full jitter can draw every wait as zero.</summary>
    private static TimeSpan ShortestWait(System.Text.Json.Nodes.JsonObject retrier)
    {
        if ((string?)retrier["JitterStrategy"] == "FULL")
        {
            return TimeSpan.Zero;
        }

        var interval = (double?)retrier["IntervalSeconds"] ?? 1;
        var backoff = (double?)retrier["BackoffRate"] ?? 2;
        var cap = (double?)retrier["MaxDelaySeconds"] ?? double.MaxValue;
        var attempts = (int?)retrier["MaxAttempts"] ?? 3;
        var total = Enumerable.Range(0, attempts).Sum(n => Math.Min(cap, interval * Math.Pow(backoff, n)));
        return TimeSpan.FromSeconds(total);
    }
}

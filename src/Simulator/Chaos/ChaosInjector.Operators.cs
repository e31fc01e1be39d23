using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.StandIns.ApiGateway;
using Wso2Serverless.StandIns.World;

namespace Wso2Serverless.Simulator.Chaos;

/// <summary>What happens to a chaos run from outside: an operator's cancel, and the scheduler's 5-minute tick that sends notifications still pending.</summary>
public sealed partial class ChaosInjector
{
    private static readonly ApiPrincipal Operator = new("AKIASIMCHAOSOPERATOR", "not-used", SimulatedWorld.Account, $"arn:aws:iam::{SimulatedWorld.Account}:user/chaos-operator", "AIDASIMCHAOSOPERATOR");
    private static readonly HttpApiEvent.Site Site = new(SimulatedWorld.Account, "simapi0001");

    /// <summary>How many 5-minute ticks run after the last execution ended, at most, to send what is still pending.</summary>
    private const int TicksAfterEnd = 12;

    private readonly List<int?> _cancelAnswers = [];

    /// <summary>The API's answers to the cancel (status codes; null where the function failed), in order.</summary>
    public IReadOnlyList<int?> CancelAnswers
    {
        get
        {
            lock (_gate)
            {
                return [.. _cancelAnswers];
            }
        }
    }

    /// <summary>Whether the API accepted the cancel (202): the run must then end as cancelled.</summary>
    public bool CancelAccepted => CancelAnswers.Contains(202);

    public void Started(ChaosStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        if (plan.CancelAt is { } at)
        {
            foreach (var execution in stage.Executions)
            {
                _ = stage.Clock.Scheduler.Spawn($"chaos: cancel {execution}", () => CancelAsync(stage, execution, at));
            }
        }

        _ = stage.Clock.Scheduler.Spawn("chaos: scheduler ticks", () => TickAsync(stage));
    }

    /// <summary>An operator cancels through the API, and asks again while the answer is a failure (as the API says to).</summary>
    private async Task CancelAsync(ChaosStage stage, string execution, TimeSpan at)
    {
        await stage.Clock.DelayAsync(at, CancellationToken.None).ConfigureAwait(false);
        lock (_gate)
        {
            Count(FaultKinds.Cancel);
        }

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var request = new ReceivedRequest("POST", $"/deployments/{execution}/cancel", [new("host", "simapi0001.execute-api.us-east-1.amazonaws.com")], [], "198.51.100.7", "HTTP/1.1");
            var payload = HttpApiEvent.Build(request, "POST /deployments/{id}/cancel", new Dictionary<string, string>(StringComparer.Ordinal) { ["id"] = execution }, Operator, Site, stage.Clock.UtcNow);
            var result = await stage.Dispatcher.InvokeAsync(HandlerNames.Api, payload, "API Gateway (chaos operator)", execution).ConfigureAwait(false);
            var status = result.ErrorType is null ? StatusCodeOf(result.Payload) : null;
            lock (_gate)
            {
                _cancelAnswers.Add(status);
            }

            if (status is >= 200 and < 500)
            {
                return;
            }

            await stage.Clock.DelayAsync(TimeSpan.FromMinutes(1), CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The scheduler function's 5-minute EventBridge schedule, from the moment every execution has
    /// ended until no notification is pending (at most <see cref="TicksAfterEnd"/> ticks): it sends
    /// what a closer could not.
    /// </summary>
    private static async Task TickAsync(ChaosStage stage)
    {
        var ticks = 0;
        var waited = TimeSpan.Zero;
        while (ticks < TicksAfterEnd && waited < TimeSpan.FromDays(2))
        {
            await stage.Clock.DelayAsync(TimeSpan.FromMinutes(5), CancellationToken.None).ConfigureAwait(false);
            waited += TimeSpan.FromMinutes(5);
            if (!stage.AllEnded())
            {
                continue;
            }

            ticks++;
            await stage.Dispatcher.InvokeAsync(HandlerNames.Scheduler, ScheduledEvent(stage.Clock.UtcNow), "EventBridge schedule", null).ConfigureAwait(false);
            if (await NothingPendingAsync(stage).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private static async Task<bool> NothingPendingAsync(ChaosStage stage)
    {
        try
        {
            return (await stage.Deployments.ListPendingAsync(10, CancellationToken.None).ConfigureAwait(false)).Count == 0;
        }
#pragma warning disable CA1031 // Looking is the chaos's own read: a fault in it means "look again at the next tick".
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    private static byte[] ScheduledEvent(DateTimeOffset now) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["version"] = "0",
        ["id"] = $"chaos-tick-{now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}",
        ["detail-type"] = "Scheduled Event",
        ["source"] = "aws.events",
        ["account"] = SimulatedWorld.Account,
        ["time"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["region"] = SimulatedWorld.Region,
        ["resources"] = new JsonArray($"arn:aws:events:{SimulatedWorld.Region}:{SimulatedWorld.Account}:rule/wso2-sim-scheduler"),
        ["detail"] = new JsonObject(),
    }.ToJsonString());
}

using System.Text.Json.Nodes;

namespace Wso2Serverless.StandIns.World;

/// <summary>
/// The scheduler's EventBridge rule, <c>rate(5 minutes)</c>: a "Scheduled Event" from
/// <c>aws.events</c> every period (the first one period after the start), its <c>time</c> the
/// tick, delivered to the rule's target like any other event. A tick the scenario names is
/// delivered twice, as EventBridge's at-least-once delivery allows. Stops once
/// <paramref name="stop"/> holds.
/// </summary>
public sealed class EventBridgeSchedule(SimulatedWorld world, Func<bool> stop, IReadOnlySet<DateTimeOffset> duplicatedTicks)
{
    public const string Source = "aws.events";
    public const string DetailType = "Scheduled Event";
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(5);
    public static readonly string RuleArn = $"arn:aws:events:{SimulatedWorld.Region}:{SimulatedWorld.Account}:rule/wso2-sim-scheduler-tick";

    /// <summary>Ticks published so far.</summary>
    public int Ticks { get; private set; }

    /// <summary>Starts ticking as a flow of the world.</summary>
    public void Start() => world.Spawn(RunAsync, "EventBridge schedule");

    private async Task RunAsync(CancellationToken ct)
    {
        var due = world.Clock.UtcNow;
        while (!stop())
        {
            due += Period;
            await world.Clock.DelayUntilAsync(due, ct).ConfigureAwait(false);
            if (stop())
            {
                return;
            }

            Ticks++;
            world.Bus.Publish(Source, DetailType, [RuleArn], new JsonObject(), repeat: duplicatedTicks.Contains(due) ? 2 : 1);
        }
    }
}

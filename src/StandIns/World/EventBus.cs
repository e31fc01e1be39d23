using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Wso2Serverless.StandIns.Scheduling;

namespace Wso2Serverless.StandIns.World;

/// <summary>
/// EventBridge's default bus as the orchestrator's rules see it: wraps a detail in the envelope
/// AWS sends (version, id, detail-type, source, account, time, region, resources, detail),
/// routes it by source to the function its rule targets, and delivers it asynchronously with
/// EventBridge's retries, each delivery a flow of its own on the virtual clock. Every event is
/// kept for the report, including the ones a scenario loses.
/// </summary>
public sealed class EventBus(VirtualClock clock, SeededIds ids, WorldTimings timings, IEventTarget target, Func<string, string?> ruleTarget, string account, string region)
{
    private readonly ConcurrentQueue<DeliveredEvent> _events = new();
    private int _failedDeliveries;

    public IReadOnlyList<DeliveredEvent> Events => [.. _events];

    /// <summary>Deliveries that failed on every attempt (a broken router, in a test).</summary>
    public int FailedDeliveries => _failedDeliveries;

    /// <summary>
    /// Builds the envelope and sends it; <paramref name="lose"/> drops it after recording;
    /// <paramref name="repeat"/> above 1 delivers the same event (one id) that many times at once,
    /// as EventBridge's at-least-once delivery may.
    /// </summary>
    public void Publish(string source, string detailType, IReadOnlyList<string> resources, JsonObject detail, bool lose = false, int repeat = 1)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var at = clock.UtcNow;
        var envelope = new JsonObject
        {
            ["version"] = "0",
            ["id"] = ids.NewGuid().ToString(),
            ["detail-type"] = detailType,
            ["source"] = source,
            ["account"] = account,
            ["time"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["region"] = region,
            ["resources"] = new JsonArray([.. resources.Select(r => (JsonNode?)JsonValue.Create(r))]),
            ["detail"] = detail,
        };
        var json = envelope.ToJsonString();
        var function = ruleTarget(source);
        if (function is null)
        {
            _events.Enqueue(new DeliveredEvent(at, source, detailType, null, DeliveryOutcomes.Unrouted, json));
            return;
        }

        IReadOnlyList<TimeSpan> copies = lose ? [] : Deliveries?.Invoke(new PublishedEvent(source, detailType, StatusOf(detail))) ?? [.. Enumerable.Repeat(TimeSpan.Zero, Math.Max(1, repeat))];
        if (copies.Count == 0)
        {
            _events.Enqueue(new DeliveredEvent(at, source, detailType, function, DeliveryOutcomes.Lost, json));
            return;
        }

        for (var copy = 0; copy < copies.Count; copy++)
        {
            var extra = copies[copy];
            _ = clock.Scheduler.Spawn($"deliver {detailType} to {function}{(copy > 0 ? $" (copy {copy + 1})" : "")}", () => DeliverAsync(at, source, detailType, function, json, extra));
        }
    }

    /// <summary>At-least-once delivery (chaos): the extra delay of each copy of an event; set once, before the run.</summary>
    public Func<PublishedEvent, IReadOnlyList<TimeSpan>>? Deliveries { get; set; }

    private static string StatusOf(JsonObject detail) =>
        (detail["status-details"] as JsonObject)?["status"]?.GetValue<string>() ?? detail["status"]?.GetValue<string>() ?? "";

    private async Task DeliverAsync(DateTimeOffset at, string source, string detailType, string function, string json, TimeSpan extra)
    {
        await clock.DelayAsync(timings.EventLatency + extra, CancellationToken.None).ConfigureAwait(false);
        // EventBridge invokes Lambda asynchronously; Lambda retries a failed async invocation twice.
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                await target.InvokeAsync(function, json, CancellationToken.None).ConfigureAwait(false);
                _events.Enqueue(new DeliveredEvent(at, source, detailType, function, DeliveryOutcomes.Delivered, json));
                return;
            }
            catch (Exception) when (attempt < 3)
            {
                await clock.DelayAsync(TimeSpan.FromMinutes(1), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref _failedDeliveries);
            }
        }

        _events.Enqueue(new DeliveredEvent(at, source, detailType, function, DeliveryOutcomes.Failed, json));
    }
}

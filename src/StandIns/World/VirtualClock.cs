using Wso2Serverless.Domain.Ports;
using Wso2Serverless.StandIns.Scheduling;

namespace Wso2Serverless.StandIns.World;

/// <summary>
/// The one clock of a simulated run: the world's delays, EventBridge's latency and retries, and
/// the functions' <see cref="IClock"/>. Time moves only when the <see cref="Scheduler"/> finds
/// nothing running, so the real time our code, moto and the ASL runner take counts zero.
/// </summary>
public sealed class VirtualClock(Scheduler scheduler) : IClock
{
    public Scheduler Scheduler { get; } = scheduler;

    public DateTimeOffset UtcNow => Scheduler.Now;

    /// <summary>Parks the calling flow for a simulated duration.</summary>
    public Task DelayAsync(TimeSpan simulated, CancellationToken cancellationToken) =>
        Scheduler.DelayAsync(simulated, cancellationToken);

    /// <summary>Parks the calling flow until a simulated instant (at once when it has passed).</summary>
    public Task DelayUntilAsync(DateTimeOffset simulated, CancellationToken cancellationToken) =>
        Scheduler.DelayAsync(simulated - UtcNow, cancellationToken);
}

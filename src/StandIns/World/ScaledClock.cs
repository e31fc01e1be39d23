using System.Diagnostics;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.StandIns.World;

/// <summary>
/// Simulated time that runs <see cref="Scale"/> times faster than the wall clock, starting at
/// the real "now". The world's delays, the handlers' clock and the ASL runner's timeouts all use
/// the same factor, so a 45-minute stack takes 45 minutes in the records and seconds on screen.
/// </summary>
public sealed class ScaledClock : IClock
{
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private readonly long _realOriginUnixMs;

    public ScaledClock(double scale)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        Scale = scale;
        Origin = DateTimeOffset.UtcNow;
        _realOriginUnixMs = Origin.ToUnixTimeMilliseconds();
    }

    /// <summary>Simulated seconds per real second.</summary>
    public double Scale { get; }

    public DateTimeOffset Origin { get; }

    public DateTimeOffset UtcNow => Origin + (_elapsed.Elapsed * Scale);

    public TimeSpan ToReal(TimeSpan simulated) => simulated / Scale;

    /// <summary>A wall-clock instant (epoch ms, as the Node runner reports it) in simulated time.</summary>
    public DateTimeOffset FromRealUnixMs(long unixMs) =>
        Origin + (TimeSpan.FromMilliseconds(unixMs - _realOriginUnixMs) * Scale);

    /// <summary>
    /// Waits until a simulated instant. Processes that take several steps schedule each step
    /// against its absolute time, so the delays' real-time overshoot does not add up.
    /// </summary>
    public Task DelayUntilAsync(DateTimeOffset simulated, CancellationToken cancellationToken) =>
        DelayAsync(simulated - UtcNow, cancellationToken);

    /// <summary>Waits a simulated duration.</summary>
    public Task DelayAsync(TimeSpan simulated, CancellationToken cancellationToken)
    {
        var real = ToReal(simulated);
        return real <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(real < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : real, cancellationToken);
    }
}

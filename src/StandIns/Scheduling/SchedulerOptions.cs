namespace Wso2Serverless.StandIns.Scheduling;

/// <summary>How a run is scheduled: its seed, the instant it starts at, and an optional pace.</summary>
public sealed record SchedulerOptions
{
    /// <summary>A fixed start, so two runs with one seed write the same timestamps.</summary>
    public static readonly DateTimeOffset DefaultOrigin = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Fixes every choice the scheduler makes (which ready work runs, which simultaneous timer fires).</summary>
    public required int Seed { get; init; }

    public DateTimeOffset Origin { get; init; } = DefaultOrigin;

    /// <summary>
    /// Null: the clock jumps as soon as nothing runs. N: it still jumps only when nothing runs, but
    /// never gets ahead of N times the real time since the run started (for watching a run live).
    /// </summary>
    public double? Pace { get; init; }

    /// <summary>How long work may stay under way without any progress before the run is declared hung.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How far past <see cref="Origin"/> the clock may go; further means the run is looping.</summary>
    public TimeSpan Horizon { get; init; } = TimeSpan.FromDays(7);

    /// <summary>
    /// For a run that people drive (<c>simulate --serve</c>): when nothing is left to run,
    /// <see cref="Scheduler.RunAsync"/> waits for work posted from outside instead of ending the
    /// run as stalled, and the pace counts afresh from the moment that work arrives.
    /// </summary>
    public bool WaitForExternalWork { get; init; }
}

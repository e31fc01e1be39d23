using Cronos;

namespace Wso2Serverless.Functions.Scheduling;

/// <summary>
/// An environment's rebuild schedule: a standard 5-field cron expression, evaluated in UTC.
/// Shared by the API (which validates it when an environment is registered) and the scheduler.
/// </summary>
public sealed class RebuildSchedule
{
    /// <summary>A rebuild takes the better part of an hour: a tighter schedule would only ever record skips.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromHours(1);

    private readonly CronExpression _cron;

    private RebuildSchedule(CronExpression cron, string expression)
    {
        _cron = cron;
        Expression = expression;
    }

    public string Expression { get; }

    /// <summary>Parses the expression; on failure <paramref name="error"/> says why in words a client can act on.</summary>
    public static bool TryParse(string? expression, DateTimeOffset now, out RebuildSchedule? schedule, out string? error)
    {
        schedule = null;
        if (string.IsNullOrWhiteSpace(expression))
        {
            error = "The schedule is empty; omit it for no schedule.";
            return false;
        }

        var trimmed = expression.Trim();
        if (trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 5)
        {
            error = "The schedule must be a cron expression of 5 fields (minute hour day-of-month month day-of-week), in UTC.";
            return false;
        }

        if (!CronExpression.TryParse(trimmed, CronFormat.Standard, out var cron))
        {
            error = $"'{trimmed}' is not a valid cron expression.";
            return false;
        }

        var first = cron.GetNextOccurrence(now, TimeZoneInfo.Utc);
        var second = first is { } f ? cron.GetNextOccurrence(f, TimeZoneInfo.Utc) : null;
        if (first is null)
        {
            error = $"'{trimmed}' never fires.";
            return false;
        }

        if (second is { } s && s - first.Value < MinimumInterval)
        {
            error = $"'{trimmed}' fires more often than once an hour; a rebuild takes longer than that.";
            return false;
        }

        schedule = new RebuildSchedule(cron, trimmed);
        error = null;
        return true;
    }

    /// <summary>The next due time strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after) => _cron.GetNextOccurrence(after, TimeZoneInfo.Utc);

    /// <summary>
    /// The latest due time in (<paramref name="since"/>, <paramref name="now"/>]: when ticks were
    /// missed, only the newest occurrence counts, so a catch-up starts one run, not a burst.
    /// </summary>
    public DateTimeOffset? LatestDue(DateTimeOffset since, DateTimeOffset now) =>
        since >= now ? null : _cron.GetPreviousOccurrence(now, TimeZoneInfo.Utc, inclusive: true) is { } due && due > since ? due : null;
}

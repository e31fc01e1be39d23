using System.Globalization;

namespace Wso2Serverless.Cli.Output;

/// <summary>Durations the way operators read them: <c>850 ms</c>, <c>42 s</c>, <c>12m 03s</c>, <c>2h 05m</c>.</summary>
public static class Durations
{
    public static string Format(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalSeconds switch
        {
            < 1 => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMilliseconds} ms"),
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s"),
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}m {span.Seconds:00}s"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h {span.Minutes:00}m"),
        };
    }

    public static string Clock(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}

using System.Globalization;

namespace Wso2Serverless.Benchmarks;

/// <summary>Medians and percentiles: these machines are noisy, so means would mislead.</summary>
internal static class Stats
{
    public static double Median(IReadOnlyList<double> values) => Percentile(values, 50);

    /// <summary>Linear interpolation between closest ranks, so p99 of 100 values is not just the maximum.</summary>
    public static double Percentile(IReadOnlyList<double> values, double percent)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = percent / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }

    /// <summary>One line a reader can compare runs by: count, median, p90, p99, min, max.</summary>
    public static string Summary(IReadOnlyList<double> values, string unit, string format = "F1") =>
        string.Create(CultureInfo.InvariantCulture,
            $"n={values.Count} median={Median(values).ToString(format, CultureInfo.InvariantCulture)} {unit} p90={Percentile(values, 90).ToString(format, CultureInfo.InvariantCulture)} p99={Percentile(values, 99).ToString(format, CultureInfo.InvariantCulture)} min={(values.Count == 0 ? double.NaN : values.Min()).ToString(format, CultureInfo.InvariantCulture)} max={(values.Count == 0 ? double.NaN : values.Max()).ToString(format, CultureInfo.InvariantCulture)}");
}

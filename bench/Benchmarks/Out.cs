using System.Globalization;

namespace Wso2Serverless.Benchmarks;

/// <summary>Invariant-culture output: figures are read by people and by grep, never in a local format.</summary>
internal static class Out
{
    public static void Line(FormattableString text) => Console.WriteLine(text.ToString(CultureInfo.InvariantCulture));

    public static void Error(FormattableString text) => Console.Error.WriteLine(text.ToString(CultureInfo.InvariantCulture));
}

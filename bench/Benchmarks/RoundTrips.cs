namespace Wso2Serverless.Benchmarks;

/// <summary>
/// The round trips per event and per task (issue #15 requirement 2), as the warm-path bench
/// measured them at the HTTP layer (the stub's count of one warm invocation, by service), next to
/// the tables of src/Aws/DynamoDb/README.md, which RoundTripTests hold to the code at the port
/// level. A row whose DynamoDB or Step Functions count differs from the page is flagged, and an
/// awaited event costing more than 3 DynamoDB and Step Functions calls fails the bench.
/// </summary>
internal static class RoundTrips
{
    public const string RouterTable = "router event";
    public const string TaskTable = "task (happy path, one invocation)";

    /// <summary>The awaited event's happy path: record the outcome and take the token, close the phase, SendTask*.</summary>
    public const int AwaitedEventBudget = 3;

    public static int Print(IReadOnlyList<(string Label, string Table, int DynamoDb, int StepFunctions, int Other)> measured, string readme)
    {
        var lines = File.Exists(readme) ? File.ReadAllLines(readme) : [];
        var status = 0;
        foreach (var table in (string[])[RouterTable, TaskTable])
        {
            Out.Line($"round-trips | {table,-32} | DynamoDB | Step Functions | other (HTTP) | README (DynamoDB + Step Functions) |");
            foreach (var row in measured.Where(m => m.Table == table))
            {
                var documented = Row(lines, table, row.Label);
                var page = documented is [var d, var s, ..] ? $"{d} + {s}" : "no row";
                var agrees = documented is [var dd, var ss, ..] && dd == row.DynamoDb.ToString(System.Globalization.CultureInfo.InvariantCulture) && ss == row.StepFunctions.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var awaited = table == RouterTable && row.Label.EndsWith(", awaited", StringComparison.Ordinal);
                var over = awaited && row.DynamoDb + row.StepFunctions > AwaitedEventBudget;
                if (over)
                {
                    status = 1;
                }

                Out.Line($"round-trips | {row.Label,-32} | {row.DynamoDb,8} | {row.StepFunctions,14} | {row.Other,12} | {page,-9}{(agrees ? " (same)" : " DIFFERS")}{(awaited ? over ? $" OVER {AwaitedEventBudget}" : $", within {AwaitedEventBudget}" : "")} |");
            }
        }

        return status;
    }

    /// <summary>The cells after the label of the README row <paramref name="label"/> in <paramref name="table"/>, or null.</summary>
    private static string[]? Row(string[] lines, string table, string label) => lines
        .SkipWhile(l => Cells(l) is not [var first, ..] || first != table)
        .TakeWhile(l => l.StartsWith('|'))
        .Select(Cells)
        .FirstOrDefault(c => c.Length > 1 && c[0] == label)?[1..];

    private static string[] Cells(string line) =>
        line.StartsWith('|') ? [.. line.Trim('|').Split('|').Select(c => c.Trim())] : [];
}

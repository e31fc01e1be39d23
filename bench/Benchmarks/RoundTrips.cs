namespace Wso2Serverless.Benchmarks;

/// <summary>
/// The round trips per event and per task (issue #15 requirement 2), printed from the tables of
/// src/Aws/DynamoDb/README.md: the page RoundTripTests holds to the code on every test run, so
/// the bench repeats no number by hand (scripts/bench.sh runs those tests right before).
/// </summary>
internal static class RoundTrips
{
    private static readonly string[] Tables = ["router event", "task (happy path, one invocation)"];

    public static int Run(Options options)
    {
        var readme = options.Text("--readme", Path.Combine("src", "Aws", "DynamoDb", "README.md"));
        if (!File.Exists(readme))
        {
            Out.Error($"round-trips: {readme} does not exist");
            return 2;
        }

        var lines = File.ReadAllLines(readme);
        foreach (var table in Tables)
        {
            var rows = lines
                .SkipWhile(l => Cells(l) is not [var first, ..] || first != table)
                .TakeWhile(l => l.StartsWith('|'))
                .Where(l => !l.StartsWith("|---", StringComparison.Ordinal))
                .Select(Cells)
                .ToList();
            if (rows.Count < 2)
            {
                Out.Error($"round-trips: {readme} has no '{table}' table");
                return 1;
            }

            var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => c < r.Length ? r[c].Length : 0)).ToArray();
            foreach (var row in rows)
            {
                Out.Line($"round-trips | {string.Join(" | ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c])))} |");
            }

            Out.Line($"round-trips");
        }

        return 0;
    }

    private static string[] Cells(string line) =>
        line.StartsWith('|') ? [.. line.Trim('|').Split('|').Select(c => c.Trim())] : [];
}

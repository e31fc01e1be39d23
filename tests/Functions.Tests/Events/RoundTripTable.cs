using System.Globalization;

namespace Wso2Serverless.Functions.Tests.Events;

/// <summary>Reads the round-trip tables of src/Aws/DynamoDb/README.md: rows under a header whose first cell is given.</summary>
internal static class RoundTripTable
{
    private static readonly Lazy<string[]> Lines = new(() => File.ReadAllLines(Path.Combine(RepoPaths.Root, "src", "Aws", "DynamoDb", "README.md")));

    public static IReadOnlyList<string> Labels(string table) => [.. Rows(table).Select(r => r[0])];

    /// <summary>The numeric cells after the label, up to the first one that is not a number.</summary>
    public static int[] Row(string table, string label)
    {
        var row = Rows(table).SingleOrDefault(r => r[0] == label) ?? throw new InvalidOperationException($"README has no row '{label}' in the '{table}' table");
        return [.. row.Skip(1).TakeWhile(c => int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out _)).Select(c => int.Parse(c, CultureInfo.InvariantCulture))];
    }

    private static IEnumerable<string[]> Rows(string table) =>
        Lines.Value
            .SkipWhile(l => Cells(l) is not [var first, ..] || first != table)
            .Skip(2)
            .TakeWhile(l => l.StartsWith('|'))
            .Select(Cells);

    private static string[] Cells(string line) =>
        line.StartsWith('|') ? [.. line.Trim('|').Split('|').Select(c => c.Trim())] : [];
}

using System.Globalization;

namespace Wso2Serverless.Benchmarks;

/// <summary>
/// The few <c>--name value</c> options the subcommands take. A parser framework would be more
/// code than the options themselves; repeated options (several reports) are allowed.
/// </summary>
internal sealed class Options(string[] args)
{
    public string Text(string name, string fallback)
    {
        var i = Array.LastIndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    public int Int(string name, int fallback) =>
        int.TryParse(Text(name, ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;

    public double Number(string name, double fallback) =>
        double.TryParse(Text(name, ""), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : fallback;

    public IReadOnlyList<string> All(string name)
    {
        var values = new List<string>();
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == name)
            {
                values.Add(args[++i]);
            }
        }

        return values;
    }

    /// <summary>Everything after a bare <c>--</c> (a command to run).</summary>
    public IReadOnlyList<string> Rest()
    {
        var i = Array.IndexOf(args, "--");
        return i < 0 ? [] : args[(i + 1)..];
    }

    /// <summary>How to start the command after <c>--</c>; null when there is none.</summary>
    public System.Diagnostics.ProcessStartInfo? Command(bool redirectOutput)
    {
        var command = Rest();
        if (command.Count == 0)
        {
            return null;
        }

        var start = new System.Diagnostics.ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardOutput = redirectOutput };
        foreach (var a in command.Skip(1))
        {
            start.ArgumentList.Add(a);
        }

        return start;
    }
}

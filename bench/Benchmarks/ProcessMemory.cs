using System.Globalization;

namespace Wso2Serverless.Benchmarks;

/// <summary>Resident memory from /proc: what the kernel charges a process, not what the GC thinks.</summary>
internal static class ProcessMemory
{
    /// <summary>Peak resident set (VmHWM) of one process, in KiB; 0 when it is gone.</summary>
    public static long PeakKb(int pid) => StatusKb(pid, "VmHWM:");

    /// <summary>Current resident set (VmRSS) of one process, in KiB; 0 when it is gone.</summary>
    public static long ResidentKb(int pid) => StatusKb(pid, "VmRSS:");

    /// <summary>
    /// Proportional set size (Pss from smaps_rollup) in KiB: shared pages divided among the
    /// processes that share them, so a sum over a tree counts each page once (RSS would count a
    /// library, or a just-forked child's copy-on-write pages, once per process).
    /// </summary>
    public static long ProportionalKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
            {
                if (line.StartsWith("Pss:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(4).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }

    /// <summary>
    /// CPU time the process's live threads have run so far, in ms, from schedstat (nanoseconds):
    /// unlike wall time it hardly moves when other work competes for the cores.
    /// </summary>
    public static double CpuMs(int pid)
    {
        long ns = 0;
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    var first = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[0];
                    ns += long.Parse(first, CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                    // The thread ended while we read: its time is lost, a few microseconds at most.
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return ns / 1e6;
    }

    /// <summary>The process and every descendant alive now, with their command names.</summary>
    public static IReadOnlyList<(int Pid, string Name)> Tree(int root)
    {
        var parents = new Dictionary<int, (int Parent, string Name)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after the last ')'.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var fields = stat[(close + 2)..].Split(' ');
                parents[pid] = (int.Parse(fields[1], CultureInfo.InvariantCulture), stat[(open + 1)..close]);
            }
            catch (IOException)
            {
                // The process ended while we looked: it is no longer part of the tree.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        var tree = new List<(int, string)>();
        var frontier = new Queue<int>([root]);
        while (frontier.Count > 0)
        {
            var pid = frontier.Dequeue();
            if (parents.TryGetValue(pid, out var self))
            {
                tree.Add((pid, self.Name));
            }

            foreach (var (child, info) in parents)
            {
                if (info.Parent == pid)
                {
                    frontier.Enqueue(child);
                }
            }
        }

        return tree;
    }

    private static long StatusKb(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(field.Length).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }
}

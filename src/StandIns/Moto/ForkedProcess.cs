using System.Diagnostics;
using System.Globalization;

namespace Wso2Serverless.StandIns.Moto;

/// <summary>
/// A server a fork server forked: not our child, so .NET cannot wait for it, and its pid is
/// free again once the kernel reaps it. It is known by pid and start time (/proc/PID/stat), and
/// signalled only while both match and it is not a zombie.
/// </summary>
internal readonly record struct ForkedProcess(int Pid, long StartTicks)
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The running process with <paramref name="pid"/>, or null when there is none.</summary>
    public static ForkedProcess? Find(int pid) =>
        Read(pid) is { State: not 'Z' } stat ? new ForkedProcess(pid, stat.StartTicks) : null;

    public bool IsRunning => Read(Pid) is { State: not 'Z' } stat && stat.StartTicks == StartTicks;

    /// <summary>Kills it and waits (up to 5 s) until it is gone.</summary>
    public void Stop()
    {
        if (IsRunning)
        {
            try
            {
                using var process = Process.GetProcessById(Pid);
                process.Kill();
            }
            catch (ArgumentException)
            {
                // It ended between the check and the kill.
            }
        }

        var waited = Stopwatch.StartNew();
        while (IsRunning && waited.Elapsed < StopTimeout)
        {
            Thread.Sleep(5);
        }
    }

    /// <summary>State (field 3) and start time in clock ticks (field 22) of /proc/PID/stat; null when there is no such process.</summary>
    private static (char State, long StartTicks)? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (fields[0][0], long.Parse(fields[19], CultureInfo.InvariantCulture));
    }
}

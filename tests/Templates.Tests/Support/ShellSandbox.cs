using System.Runtime.Versioning;

namespace Wso2Serverless.Templates.Tests.Support;

/// <summary>
/// A throw-away directory with the stand-in commands first on PATH, a configuration directory
/// standing in for /etc/wso2-orchestration, a file where every stand-in records its argv, and
/// a filesystem root (<see cref="Root"/>, <c>WSO2_ROOT</c>) under which the user data scripts
/// find /etc, /var/log and /usr/local/bin.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class ShellSandbox : IDisposable
{
    public ShellSandbox()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("wso2-ssm-").FullName;
        Bin = Path.Combine(Directory, "bin");
        Conf = Path.Combine(Directory, "conf");
        Logs = Path.Combine(Directory, "logs");
        Root = Path.Combine(Directory, "root");
        System.IO.Directory.CreateDirectory(Bin);
        System.IO.Directory.CreateDirectory(Conf);
        foreach (var dir in new[] { "etc", "var/log", "usr/local/bin" })
        {
            System.IO.Directory.CreateDirectory(Path.Combine(Root, dir));
        }

        File.WriteAllText(Path.Combine(Root, "etc", "hosts"), "127.0.0.1 localhost\n");
        foreach (var file in System.IO.Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "StandIns")))
        {
            var target = Path.Combine(Bin, Path.GetFileName(file));
            File.Copy(file, target);
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        File.WriteAllText(ArgvFile, "");
    }

    public string Directory { get; }

    public string Bin { get; }

    public string Conf { get; }

    public string Logs { get; }

    public string Root { get; }

    public string ArgvFile => Path.Combine(Directory, "argv.log");

    public string RecordedArgv => File.ReadAllText(ArgvFile);

    public Dictionary<string, string> Environment { get; } = [];

    public void WriteConf(string name, string content) => File.WriteAllText(Path.Combine(Conf, name), content);

    /// <summary>A file under <see cref="Root"/>, given as the absolute path an instance would see.</summary>
    public string UnderRoot(string absolutePath) => Path.Combine(Root, absolutePath.TrimStart('/'));

    /// <summary>Writes a file under <see cref="Root"/>, creating its directories.</summary>
    public string WriteUnderRoot(string absolutePath, string content)
    {
        var path = UnderRoot(absolutePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Removes a stand-in: the script runs the machine's own command of that name.</summary>
    public void UseMachineCommand(string name) => File.Delete(Path.Combine(Bin, name));

    /// <summary>Commands the script must not find: neither a stand-in nor the machine's own.</summary>
    public HashSet<string> Hidden { get; } = [];

    public async Task<ProcessResult> RunAsync(string script)
    {
        var path = Path.Combine(Directory, "command.sh");
        await File.WriteAllTextAsync(path, script);
        var environment = new Dictionary<string, string>(Environment)
        {
            ["PATH"] = Bin + ":" + SystemPath(),
            ["WSO2_ORCHESTRATION_DIR"] = Conf,
            ["WSO2_LOG_DIR"] = Logs,
            ["WSO2_HEALTH_INTERVAL_SECONDS"] = "1",
            ["STANDIN_ARGV"] = ArgvFile,
            ["STANDIN_DIR"] = Directory,
            ["WSO2_ROOT"] = Root,
        };
        // One pipe for both streams, as 2>&1 on a terminal: the lines keep the order they were written in.
        return await ProcessRunner.RunAsync("bash", ["-c", "exec bash \"$0\" 2>&1", path], environment, Directory);
    }

    /// <summary>
    /// The machine's PATH, or with hidden commands a directory of links to every other command
    /// on it: a command that exists on this machine (psql does) can then be missing for the script.
    /// </summary>
    private string SystemPath()
    {
        var path = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        if (Hidden.Count == 0)
        {
            return path;
        }

        var links = Path.Combine(Directory, "system-bin");
        System.IO.Directory.CreateDirectory(links);
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Where(System.IO.Directory.Exists))
        {
            foreach (var command in System.IO.Directory.EnumerateFiles(dir))
            {
                var link = Path.Combine(links, Path.GetFileName(command));
                if (!Hidden.Contains(Path.GetFileName(command)) && !Path.Exists(link))
                {
                    File.CreateSymbolicLink(link, command);
                }
            }
        }

        foreach (var name in Hidden)
        {
            File.Delete(Path.Combine(Bin, name));
        }

        return links;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; a failing Dispose would hide the test's result.
        }
    }
}

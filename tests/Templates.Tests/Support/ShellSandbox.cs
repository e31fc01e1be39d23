using System.Runtime.Versioning;

namespace Wso2Serverless.Templates.Tests.Support;

/// <summary>
/// A throw-away directory with the stand-in commands first on PATH, a configuration directory
/// standing in for /etc/wso2-orchestration, and a file where every stand-in records its argv.
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
        System.IO.Directory.CreateDirectory(Bin);
        System.IO.Directory.CreateDirectory(Conf);
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

    public string ArgvFile => Path.Combine(Directory, "argv.log");

    public string RecordedArgv => File.ReadAllText(ArgvFile);

    public Dictionary<string, string> Environment { get; } = [];

    public void WriteConf(string name, string content) => File.WriteAllText(Path.Combine(Conf, name), content);

    public async Task<ProcessResult> RunAsync(string script)
    {
        var path = Path.Combine(Directory, "command.sh");
        await File.WriteAllTextAsync(path, script);
        var environment = new Dictionary<string, string>(Environment)
        {
            ["PATH"] = Bin + ":" + System.Environment.GetEnvironmentVariable("PATH"),
            ["WSO2_ORCHESTRATION_DIR"] = Conf,
            ["WSO2_LOG_DIR"] = Logs,
            ["WSO2_HEALTH_INTERVAL_SECONDS"] = "1",
            ["STANDIN_ARGV"] = ArgvFile,
            ["STANDIN_DIR"] = Directory,
        };
        return await ProcessRunner.RunAsync("bash", [path], environment, Directory);
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

using System.Text.Json;

namespace Wso2Serverless.Templates.Tests.Support;

/// <summary>
/// The Puppet Master image as the user data finds it, in a <see cref="ShellSandbox"/>: a
/// puppet.conf with [main] and [master], WSO2's modules (copied from ../shared/reference) under
/// the code directory, and a master unit of the name the test chooses.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PuppetMasterSandbox : IDisposable
{
    public const string Password = "Pa/ss|w0rd%9-Ok";

    public PuppetMasterSandbox(string unit = "puppet-master")
    {
        // Debian's puppet-master package keeps Puppet under /etc/puppet; puppetserver is Puppet's own layout.
        var aio = unit == "puppetserver";
        ConfDir = aio ? "/etc/puppetlabs/puppet" : "/etc/puppet";
        ModulesDir = (aio ? "/etc/puppetlabs/code" : "/etc/puppet/code") + "/environments/production/modules";
        Shell.WriteUnderRoot(ConfDir + "/puppet.conf", "[main]\nssldir=/var/lib/puppet/ssl\n\n[master]\nvardir=/var/lib/puppet\n");
        foreach (var module in new[] { "apim", "apim_common", "mi" })
        {
            Shell.WriteUnderRoot($"{ModulesDir}/{module}/manifests/params.pp",
                File.ReadAllText(Path.Combine(PuppetModules.Directory, module, "manifests", "params.pp")));
        }

        Shell.Environment["STANDIN_UNITS"] = unit;
        Shell.Environment["STANDIN_SECRET"] = Password;
    }

    public ShellSandbox Shell { get; } = new();

    public string ConfDir { get; }

    public string ModulesDir { get; }

    public string CommonParams => File.ReadAllText(Shell.UnderRoot(ModulesDir + "/apim_common/manifests/params.pp"));

    public string DbEnv => File.ReadAllText(Shell.UnderRoot("/etc/wso2-orchestration/db.env"));

    public IReadOnlyDictionary<string, string> DbEnvValues => DbEnv.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    public Task<ProcessResult> RunAsync(IReadOnlyDictionary<string, string>? parameters = null)
    {
        var values = UserData.RequiredParameters();
        foreach (var (name, value) in parameters ?? new Dictionary<string, string>())
        {
            values[name] = value;
        }

        return Shell.RunAsync(UserData.Render(UserData.PuppetMaster, values));
    }

    /// <summary>The entries the stand-in AWS CLI accepted, in order.</summary>
    public IReadOnlyList<Signal> Signals()
    {
        var file = Path.Combine(Shell.Directory, "events.jsonl");
        return !File.Exists(file) ? [] : File.ReadAllLines(file).Select(line =>
        {
            using var entry = JsonDocument.Parse(line);
            var root = entry.RootElement;
            using var detail = JsonDocument.Parse(root.GetProperty("Detail").GetString()!);
            var d = detail.RootElement;
            return new Signal(root.GetProperty("Source").GetString()!, root.GetProperty("DetailType").GetString()!,
                d.GetProperty("deploymentId").GetString()!, d.GetProperty("stage").GetString()!,
                d.GetProperty("status").GetString()!, d.GetProperty("message").GetString()!);
        }).ToList();
    }

    /// <summary>How often the stand-in CLI was asked to send a signal of this status.</summary>
    public int Attempts(string status)
    {
        var file = Path.Combine(Shell.Directory, $"put-events-{status}");
        return File.Exists(file) ? int.Parse(File.ReadAllText(file).Trim(), System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    public void Dispose() => Shell.Dispose();
}

public sealed record Signal(string Source, string DetailType, string DeploymentId, string Stage, string Status, string Message);

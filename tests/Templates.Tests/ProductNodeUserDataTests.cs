using Wso2Serverless.Templates.Tests.Support;

namespace Wso2Serverless.Templates.Tests;

/// <summary>The API Manager and Micro Integrator nodes' user data, rendered and run under bash against stand-ins.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ProductNodeUserDataTests : IDisposable
{
    private readonly ShellSandbox _sandbox = new();

    private Task<ProcessResult> RunAsync(string launchTemplate, string nodeTag)
    {
        _sandbox.Environment["STANDIN_NODE_TAG"] = nodeTag;
        return _sandbox.RunAsync(UserData.Render(UserData.LaunchTemplate(launchTemplate), UserData.RequiredParameters()));
    }

    private Dictionary<string, string> NodeEnv() => File.ReadAllLines(_sandbox.UnderRoot("/etc/wso2-orchestration/node.env"))
        .Where(l => l.Contains('=', StringComparison.Ordinal)).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    [Theory]
    [InlineData("ApimLaunchTemplate", "apim-1", "ApimNode1Group")]
    [InlineData("ApimLaunchTemplate", "apim-2", "ApimNode2Group")]
    [InlineData("MiLaunchTemplate", "mi-1", "MiGroup")]
    public async Task Bootstrap_ConfiguresTheAgentWithoutRunningIt_AndSignalsItsGroup(string launchTemplate, string node, string group)
    {
        var result = await RunAsync(launchTemplate, node);

        result.ExitCode.Should().Be(0, result.Output);
        _sandbox.RecordedArgv.Should().Contain($"cfn-signal -e 0 --reason bootstrap complete; Puppet agent configured but not run --stack wso2-dev --resource {group}");
        _sandbox.RecordedArgv.Should().NotContain("puppet agent").And.NotContain("yum");
        File.ReadAllText(_sandbox.UnderRoot("/etc/hosts")).Should().Contain("10.0.1.10 puppet puppetmaster");
    }

    [Theory]
    [InlineData("ApimLaunchTemplate", "apim-1", "apim")]
    [InlineData("MiLaunchTemplate", "mi-1", "mi")]
    public async Task NodeEnv_NamesTheUnitThePuppetModulesInstall(string launchTemplate, string node, string role)
    {
        var result = await RunAsync(launchTemplate, node);

        result.ExitCode.Should().Be(0, result.Output);
        var env = NodeEnv();
        env["ROLE"].Should().Be(role);
        env["PRODUCT_SERVICE"].Should().Be(PuppetModules.ServiceNameFor(role), "the agent document enables and starts the unit params.pp names");
    }

    [Fact]
    public async Task ApiManager_CallsItsOwnPublicNameOnLoopback()
    {
        var result = await RunAsync("ApimLaunchTemplate", "apim-1");

        result.ExitCode.Should().Be(0, result.Output);
        // Upstream's entry: the key manager and portal URLs name the load balancer, which the
        // node reaches on itself instead of through NAT and the ClientCidr-restricted listeners.
        File.ReadAllLines(_sandbox.UnderRoot("/etc/hosts")).Should().Contain($"127.0.0.1 {UserData.StackFacts["LoadBalancer.DNSName"]}");
    }

    [Theory]
    [InlineData("ApimLaunchTemplate", "apim-1")]
    [InlineData("MiLaunchTemplate", "mi-1")]
    public async Task BootstrapLog_IsReadableByRootOnly(string launchTemplate, string node)
    {
        var result = await RunAsync(launchTemplate, node);

        result.ExitCode.Should().Be(0, result.Output);
        File.GetUnixFileMode(_sandbox.UnderRoot("/var/log/wso2-bootstrap.log")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public void Dispose() => _sandbox.Dispose();
}

using Wso2Serverless.StandIns.Moto;
using Wso2Serverless.Templates.Tests.Support;

namespace Wso2Serverless.Templates.Tests;

/// <summary>
/// The Puppet Master's user data with this machine's real AWS CLI against moto instead of the
/// stand-in: the CLI parses the entries file, the --query and the SecureString read as AWS's would.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PuppetMasterAwsCliTests : IAsyncLifetime
{
    private readonly PuppetMasterSandbox _pm = new();
    private MotoServer? _moto;

    public async ValueTask InitializeAsync()
    {
        _moto = await MotoServer.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = _moto.Endpoint.ToString().TrimEnd('/'),
            ["AWS_ACCESS_KEY_ID"] = "testing",
            ["AWS_SECRET_ACCESS_KEY"] = "testing",
        };
        foreach (var (key, value) in environment)
        {
            _pm.Shell.Environment[key] = value;
        }

        // Put through a file, as the secret never goes on a command line even here.
        var secretFile = Path.Combine(_pm.Shell.Directory, "secret.txt");
        await File.WriteAllTextAsync(secretFile, PuppetMasterSandbox.Password);
        var put = await ProcessRunner.RunAsync("aws", ["ssm", "put-parameter", "--region", "eu-west-1", "--name", "/wso2/dev/db-password",
            "--type", "SecureString", "--value", $"file://{secretFile}"], environment);
        put.ExitCode.Should().Be(0, put.Output);
        _pm.Shell.UseMachineCommand("aws");
    }

    [Fact]
    public async Task Bootstrap_WithTheRealCli_SendsEverySignalAndFillsThePassword()
    {
        var result = await _pm.RunAsync();

        // The script stops unless each put-events answered FailedEntryCount 0.
        result.ExitCode.Should().Be(0, result.Output);
        result.Output.Should().NotContain("not sent");
        _pm.CommonParams.Should().Contain($"$db_password = '{PuppetMasterSandbox.Password}'");
    }

    public async ValueTask DisposeAsync()
    {
        _pm.Dispose();
        if (_moto is not null)
        {
            await _moto.DisposeAsync();
        }
    }
}

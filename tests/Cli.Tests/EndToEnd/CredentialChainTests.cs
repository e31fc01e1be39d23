using System.Net;
using System.Net.Sockets;
using System.Text;
using Wso2Serverless.Cli.Tests.Support;
using Wso2Serverless.StandIns.ApiGateway;

namespace Wso2Serverless.Cli.Tests.EndToEnd;

/// <summary>
/// The built CLI as a process, finding its credentials the standard way (AWSSDK.Core's chain) and
/// signing with them for the stand-in, which only lets the expected keys in: environment variables,
/// a profile in temporary shared files (--profile and AWS_PROFILE), and a container endpoint.
/// </summary>
[Collection(ApiGroup.Name)]
public sealed class CredentialChainTests(ApiStandInFixture api)
{
    [Fact]
    public async Task EnvironmentVariables_AreUsed()
    {
        var principal = Allow("AKIDENVIRONMENT", "env-secret", "env-token");

        var result = await Run(new() { ["AWS_ACCESS_KEY_ID"] = principal.AccessKeyId, ["AWS_SECRET_ACCESS_KEY"] = principal.SecretAccessKey, ["AWS_SESSION_TOKEN"] = principal.SessionToken! });

        result.ExitCode.Should().Be(4, "the request got through the signature check to the API, which knows no such deployment: " + result);
        result.Error.Should().Contain("404 Not found.");
    }

    [Fact]
    public async Task NamedProfile_FromTemporarySharedFiles_WithProfileOptionOrAwsProfile()
    {
        var principal = Allow("AKIDPROFILE", "profile-secret", null);
        var folder = Directory.CreateTempSubdirectory("wso2ctl-aws-");
        var credentials = Path.Combine(folder.FullName, "credentials");
        var config = Path.Combine(folder.FullName, "config");
        await File.WriteAllTextAsync(credentials, $"[default]\naws_access_key_id = AKIDWRONG\naws_secret_access_key = wrong\n\n[ops]\naws_access_key_id = {principal.AccessKeyId}\naws_secret_access_key = {principal.SecretAccessKey}\n");
        await File.WriteAllTextAsync(config, "[profile ops]\nregion = us-east-1\n");
        var files = new Dictionary<string, string> { ["AWS_SHARED_CREDENTIALS_FILE"] = credentials, ["AWS_CONFIG_FILE"] = config };

        var byOption = await Run(files, "--profile", "ops");
        var byVariable = await Run(new(files) { ["AWS_PROFILE"] = "ops" });
        var byDefault = await Run(files);
        var missing = await Run(files, "--profile", "nope");

        byOption.ExitCode.Should().Be(4, byOption.ToString());
        byVariable.ExitCode.Should().Be(4, byVariable.ToString());
        byDefault.ExitCode.Should().Be(5, "the default profile's keys are not let in");
        byDefault.Error.Should().Contain("403");
        missing.ExitCode.Should().Be(5);
        missing.Error.Should().Contain("Profile 'nope'");
    }

    [Fact]
    public async Task ContainerCredentialsEndpoint_IsAskedForTemporaryKeys()
    {
        var principal = Allow("ASIACONTAINER", "container-secret", "container-session-token");
        using var endpoint = new TcpListener(IPAddress.Loopback, 0);
        endpoint.Start();
        var port = ((IPEndPoint)endpoint.LocalEndpoint).Port;
        var served = ServeCredentialsAsync(endpoint, principal);

        var result = await Run(new()
        {
            ["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = $"http://127.0.0.1:{port}/v2/credentials",
            ["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "container-auth",
        });

        result.ExitCode.Should().Be(4, result.ToString());
        (await served).Should().Contain("GET /v2/credentials").And.Contain("container-auth");
    }

    [Fact]
    public async Task NoCredentialsAnywhere_Exits5_SayingWhereItLooked()
    {
        var result = await Run([]);

        result.ExitCode.Should().Be(5, result.ToString());
        result.Error.Should().Contain("No AWS credentials");
    }

    private ApiPrincipal Allow(string accessKey, string secret, string? token)
    {
        var principal = new ApiPrincipal(accessKey, secret, ApiStandInFixture.Account, $"arn:aws:iam::{ApiStandInFixture.Account}:user/{accessKey}", "AIDA" + accessKey, token);
        api.Allow(principal);
        return principal;
    }

    private Task<CliResult> Run(Dictionary<string, string> environment, params string[] extra) =>
        Wso2Ctl.RunProcessAsync(environment, ["status", "20200101-000000-0000abcd", "--api-url", api.ApiUrl.ToString(), "--region", ApiStandInFixture.Region, .. extra]);

    /// <summary>Answers one request as the ECS/EKS container credentials endpoint does; returns the request it got.</summary>
    private static async Task<string> ServeCredentialsAsync(TcpListener listener, ApiPrincipal principal)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var client = await listener.AcceptTcpClientAsync(cancel.Token);
        var stream = client.GetStream();
        var buffer = new byte[4096];
        var request = new StringBuilder();
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cancel.Token);
            if (read == 0)
            {
                break;
            }

            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        var body = $$"""{"AccessKeyId":"{{principal.AccessKeyId}}","SecretAccessKey":"{{principal.SecretAccessKey}}","Token":"{{principal.SessionToken}}","Expiration":"{{DateTime.UtcNow.AddHours(1):yyyy-MM-ddTHH:mm:ssZ}}"}""";
        var response = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
        await stream.WriteAsync(Encoding.UTF8.GetBytes(response), cancel.Token);
        return request.ToString();
    }
}

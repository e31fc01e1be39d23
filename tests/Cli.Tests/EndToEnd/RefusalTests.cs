using Wso2Serverless.Cli.Tests.Support;
using Wso2Serverless.StandIns.ApiGateway;

namespace Wso2Serverless.Cli.Tests.EndToEnd;

/// <summary>What the operator sees when the API (or the command line) says no, and the exit code CI gets.</summary>
[Collection(ApiGroup.Name)]
public sealed class RefusalTests(ApiStandInFixture api)
{
    [Fact]
    public async Task Deploy_BadRequestFile_Exits2_PrintingTheApiFieldProblemsOnePerLinePathFirst()
    {
        var file = Requests.Write("""
            { "environment": "Not A Name", "stackName": 42, "parameters": { "DBPassword": "hunter2" } }
            """);

        var result = await Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "deploy", "-f", file);

        result.ExitCode.Should().Be(2, result.ToString());
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].Should().Be($"wso2ctl: {file}: 400 The request is not valid.");
        var problems = lines.Skip(1).ToList();
        problems.Should().HaveCountGreaterThanOrEqualTo(3);
        problems.Should().AllSatisfy(line => line.Should().MatchRegex(@"^\$[.\w\[\]]*: \S"));
        problems.Should().Contain(l => l.StartsWith("$.environment: ", StringComparison.Ordinal));
        problems.Should().Contain(l => l.StartsWith("$.stackName: ", StringComparison.Ordinal));
        result.Error.Should().NotContain("hunter2", "the API never echoes a secret and neither does the CLI");
    }

    [Fact]
    public async Task Deploy_BadRequestFile_WithJsonOutput_IsTheApiProblemDocument()
    {
        var file = Requests.Write("""{ "environment": "Not A Name" }""");

        var result = await Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "deploy", "-f", file, "-o", "json");

        result.ExitCode.Should().Be(2);
        using var problem = System.Text.Json.JsonDocument.Parse(result.Out);
        problem.RootElement.GetProperty("type").GetString().Should().Be("urn:wso2-serverless:problem:invalid-request");
        problem.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).Should().Contain("$.environment");
    }

    [Theory]
    [InlineData(new string[0], "Required command was not provided")]
    [InlineData(new[] { "deploy" }, "--file")]
    [InlineData(new[] { "deploy", "-f", "x.json", "--bogus" }, "--bogus")]
    [InlineData(new[] { "status" }, "Required argument 'id' missing")]
    [InlineData(new[] { "history", "dev", "--limit", "0" }, "--limit is a whole number from 1 to 100")]
    [InlineData(new[] { "status", "x", "--output", "yaml" }, "yaml")]
    [InlineData(new[] { "watch", "x", "--interval", "fast" }, "--interval 'fast' is not a duration")]
    [InlineData(new[] { "schedule" }, "Required command was not provided")]
    public async Task CommandLineTheParserRejects_Exits2_WithThePointerToHelp(string[] args, string expected)
    {
        var result = await Wso2Ctl.RunBareAsync(args);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Error.Should().Contain(expected).And.Contain("wso2ctl --help");
        result.Out.Should().BeEmpty();
    }

    [Fact]
    public async Task RequestFileMissingOrNotJson_Exits2_BeforeCallingTheApi()
    {
        var notJson = Requests.Write("{ \"environment\": ");

        var missing = await Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "deploy", "-f", "/nonexistent/request.json");
        var broken = await Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "deploy", "-f", notJson);

        missing.ExitCode.Should().Be(2);
        missing.Error.Should().Contain("Cannot read request file '/nonexistent/request.json'");
        broken.ExitCode.Should().Be(2);
        broken.Error.Should().Contain($"{notJson}: not valid JSON (line 1");
    }

    [Fact]
    public async Task NoApiNamed_Exits2_SayingHowToNameIt()
    {
        var result = await Wso2Ctl.RunBareAsync("status", "20261128-090000-3f9a1c2b");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("--api-url URL, --stack NAME");
    }

    [Fact]
    public async Task Status_UnknownDeployment_Exits4_WithTheApiDetail()
    {
        var result = await Wso2Ctl.RunAsync(api.ApiUrl, ApiStandInFixture.Operator, "status", "20200101-000000-00000000");

        result.ExitCode.Should().Be(4, result.ToString());
        result.Error.Should().Contain("404 Not found.").And.Contain("No deployment '20200101-000000-00000000' is recorded");
    }

    [Fact]
    public async Task WrongSecret_IsRefusedByTheGatewaysSignatureCheck_Exit5()
    {
        var impostor = ApiStandInFixture.Operator with { SecretAccessKey = "not-the-secret" };

        var result = await Wso2Ctl.RunAsync(api.ApiUrl, impostor, "history", "dev");

        result.ExitCode.Should().Be(5, result.ToString());
        result.Error.Should().Contain("403").And.Contain("signature we calculated does not match");
    }

    [Fact]
    public async Task UnknownAccessKey_IsRefused_Exit5()
    {
        var stranger = new ApiPrincipal("AKIDSTRANGER", "secret", "999999999999", "arn:aws:iam::999999999999:user/x", "AIDAX");

        var result = await Wso2Ctl.RunAsync(api.ApiUrl, stranger, "history", "dev");

        result.ExitCode.Should().Be(5);
        result.Error.Should().Contain("403 The security token included in the request is invalid.");
    }

    [Fact]
    public async Task ApiUnreachable_Exits5()
    {
        var result = await Wso2Ctl.RunAsync(new Uri("http://127.0.0.1:9/"), ApiStandInFixture.Operator, "status", "x1");

        result.ExitCode.Should().Be(5, result.ToString());
        result.Error.Should().Contain("Could not reach the API at http://127.0.0.1:9/");
    }
}

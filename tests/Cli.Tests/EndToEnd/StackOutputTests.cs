using Wso2Serverless.Aws;
using Wso2Serverless.Aws.CloudFormation;
using Wso2Serverless.Aws.CloudFormation.Model;
using Wso2Serverless.Aws.Signing;
using Wso2Serverless.Cli.Tests.Support;

namespace Wso2Serverless.Cli.Tests.EndToEnd;

/// <summary><c>--stack NAME</c>: the API URL read from the orchestrator stack's ApiUrl output, from CloudFormation on moto.</summary>
[Collection(ApiGroup.Name)]
public sealed class StackOutputTests(ApiStandInFixture api)
{
    [Fact]
    public async Task Stack_WithApiUrlOutput_LeadsTheCliToTheApi()
    {
        var stack = await CreateStackAsync("orch-" + Guid.NewGuid().ToString("N")[..6], api.ApiUrl.ToString());
        var environment = Requests.NewEnvironment();

        var result = await Wso2Ctl.RunWithAsync(Moto(), ApiStandInFixture.Operator, "deploy", "-f", Requests.ValidFile(environment), "--stack", stack, "--region", ApiStandInFixture.Region);

        result.ExitCode.Should().Be(0, result.ToString());
        var id = await api.Workflow.NextStartedAsync(environment, TimeSpan.FromSeconds(30));
        result.Out.Should().Contain($"started {id}");
        await api.Driver(id).CloseAsync(Domain.Model.DeploymentStatus.Succeeded);
    }

    [Fact]
    public async Task Stack_WithoutApiUrlOutput_Exits5_SayingWhichOutputIsMissing()
    {
        var stack = await CreateStackAsync("other-" + Guid.NewGuid().ToString("N")[..6], null);

        var result = await Wso2Ctl.RunWithAsync(Moto(), ApiStandInFixture.Operator, "history", "dev", "--stack", stack, "--region", ApiStandInFixture.Region);

        result.ExitCode.Should().Be(5, result.ToString());
        result.Error.Should().Contain($"Stack '{stack}' in us-east-1 has no ApiUrl output");
    }

    [Fact]
    public async Task Stack_ThatDoesNotExist_Exits5_WithCloudFormationsMessage()
    {
        var result = await Wso2Ctl.RunWithAsync(Moto(), ApiStandInFixture.Operator, "history", "dev", "--stack", "no-such-stack", "--region", ApiStandInFixture.Region);

        result.ExitCode.Should().Be(5, result.ToString());
        result.Error.Should().Contain("Could not read stack 'no-such-stack'").And.Contain("does not exist");
    }

    private Dictionary<string, string> Moto() => new() { ["AWS_ENDPOINT_URL"] = api.MotoEndpoint.ToString() };

    private async Task<string> CreateStackAsync(string name, string? apiUrl)
    {
        var outputs = apiUrl is null ? "" : $$""", "Outputs": { "ApiUrl": { "Value": "{{apiUrl}}" } }""";
        var template = $$"""{ "Resources": { "Topic": { "Type": "AWS::SNS::Topic" } }{{outputs}} }""";
        var client = CloudFormationClient.Create(new AwsEndpoints(n => n switch
        {
            "AWS_ENDPOINT_URL" => api.MotoEndpoint.ToString(),
            "AWS_REGION" => ApiStandInFixture.Region,
            _ => null,
        }), new StaticCredentialSource("testing", "testing"));
        await client.CreateStackAsync(new CreateStackRequest { StackName = name, TemplateBody = template });
        return name;
    }
}

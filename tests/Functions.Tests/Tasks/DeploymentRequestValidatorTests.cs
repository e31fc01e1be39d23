using System.Text.Json;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Validation;

namespace Wso2Serverless.Functions.Tests.Tasks;

public class DeploymentRequestValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static RequestValidation Validate(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return DeploymentRequestValidator.Validate(doc.RootElement.Clone(), "dep-1", Now);
    }

    [Fact]
    public void Validate_MinimalRequest_FillsEveryDefault()
    {
        var result = Validate("""{ "environment": "dev", "stackName": "wso2-dev", "secrets": { "DBPassword": "/wso2/dev/db" } }""");

        result.IsValid.Should().BeTrue();
        var d = result.Deployment!;
        d.Agents.Select(a => a.Role).Should().Equal("apim", "mi");
        d.Timeouts.Should().Be(new PhaseTimeouts());
        d.FailurePolicy.Should().Be(FailurePolicy.Keep);
        d.Parameters["DBPasswordParameterName"].Should().Be("/wso2/dev/db");
        d.TemplateUrl.Should().BeNull();
        d.DeploymentId.Should().Be("dep-1");
    }

    [Fact]
    public void Validate_WhenManyFieldsAreWrong_ReportsEveryProblemWithItsPath()
    {
        var result = Validate("""
            {
              "environment": 42,
              "template": "ftp://example.com/t.yaml",
              "parameters": { "InstanceCount": 2 },
              "agents": [ { "role": "apim" }, { "role": "gateway" }, "apim" ],
              "timeouts": { "createStackSeconds": 5, "fooSeconds": 100 },
              "failurePolicy": "explode",
              "rebuild": "yes",
              "colour": "blue"
            }
            """);

        result.IsValid.Should().BeFalse();
        result.Problems.Select(p => p.Path).Should().BeEquivalentTo(
            "$.colour", "$.environment", "$.stackName", "$.template", "$.parameters.InstanceCount", "$.rebuild",
            "$.agents[1].role", "$.agents", "$.timeouts.createStackSeconds", "$.timeouts.fooSeconds", "$.failurePolicy");
        result.Problems.Single(p => p.Path == "$.environment").Message.Should().Contain("expected a string, got a number");
        result.Problems.Single(p => p.Path == "$.agents[1].role").Message.Should().Contain("apim, mi");
        result.Describe().Should().StartWith("The request has 11 problems");
    }

    [Theory]
    [InlineData("DBPassword")]
    [InlineData("AdminSecret")]
    [InlineData("ApiKey")]
    public void Validate_WhenAParameterLooksLikeASecretValue_RejectsItWithoutEchoingIt(string name)
    {
        var result = Validate($$"""{ "environment": "dev", "stackName": "wso2-dev", "parameters": { "{{name}}": "hunter2-S3cret!" } }""");

        var problem = result.Problems.Should().ContainSingle().Subject;
        problem.Path.Should().Be("$.parameters." + name);
        problem.Message.Should().Contain("secrets");
        result.Describe().Should().NotContain("hunter2");
    }

    [Theory]
    [InlineData("DBPasswordParameterName", "/wso2/dev/db")]
    [InlineData("KeyPairName", "ops")]
    [InlineData("DBPassword", "/wso2/dev/db")]
    public void Validate_WhenASecretLikeParameterIsAReference_AcceptsIt(string name, string value)
    {
        var result = Validate($$"""{ "environment": "dev", "stackName": "wso2-dev", "parameters": { "{{name}}": "{{value}}" } }""");

        result.IsValid.Should().BeTrue(result.Describe());
    }

    [Fact]
    public void Validate_WhenASecretIsGivenAsAValue_SaysToUseAParameterNameWithoutEchoingIt()
    {
        var result = Validate("""{ "environment": "dev", "stackName": "wso2-dev", "secrets": { "DBPassword": "my pass word" } }""");

        result.Problems.Should().ContainSingle().Which.Path.Should().Be("$.secrets.DBPassword");
        result.Describe().Should().NotContain("pass word");
    }

    [Fact]
    public void Validate_WhenAgentsHaveConcurrency_KeepsOrderAndConcurrency()
    {
        var result = Validate("""{ "environment": "dev", "stackName": "wso2-dev", "agents": [ { "role": "mi", "maxConcurrency": 2 }, { "role": "apim", "maxConcurrency": "50%" } ] }""");

        result.Deployment!.Agents.Should().Equal(new AgentStep("mi", "2"), new AgentStep("apim", "50%"));
    }

    [Fact]
    public void Validate_WhenNotAnObject_SaysWhatIsExpected()
    {
        var result = Validate("[1,2]");

        result.Problems.Should().ContainSingle().Which.Should().Be(new ValidationProblem("$", "expected a JSON object with at least environment and stackName, got an array"));
    }
}

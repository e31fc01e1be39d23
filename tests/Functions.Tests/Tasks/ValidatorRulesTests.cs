using System.Text.Json;
using System.Text.Json.Nodes;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Preflight;
using Wso2Serverless.Domain.Validation;

namespace Wso2Serverless.Functions.Tests.Tasks;

/// <summary>
/// The validator's rules for what issue #10 found: secret names as the template requires them,
/// operating systems that no longer boot, and Verify's options. Each rule is checked against its
/// other sources (the product template, the input schema) so they cannot drift apart.
/// </summary>
public sealed class ValidatorRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static RequestValidation Validate(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return DeploymentRequestValidator.Validate(doc.RootElement.Clone(), "dep-1", Now);
    }

    private static RequestValidation WithSecret(string name) =>
        Validate($$"""{ "environment": "dev", "stackName": "wso2-dev", "secrets": { "DBPassword": {{JsonSerializer.Serialize(name)}} } }""");

    [Theory]
    [InlineData("team/stage/dbpw")] // the template's AllowedPattern wants the leading '/'
    [InlineData("dbpw")]
    [InlineData("/")]
    [InlineData("/team/stage/db pw")]
    [InlineData("/team/stage/dbpw\n")]
    public void Secrets_NotAnSsmPathAsTheTemplateRequires_AreRefusedWithoutEcho(string name)
    {
        var result = WithSecret(name);

        var problem = result.Problems.Should().ContainSingle().Subject;
        problem.Path.Should().Be("$.secrets.DBPassword");
        problem.Message.Should().Contain("starting with '/'");
        if (name.Trim().Length > 1)
        {
            problem.Message.Should().NotContain(name.Trim());
        }
    }

    [Theory]
    [InlineData("/wso2/dev/db-password")]
    [InlineData("/db")]
    [InlineData("/wso2/dev_env/db.password-1")]
    public void Secrets_AnSsmPath_IsAccepted(string name)
    {
        WithSecret(name).IsValid.Should().BeTrue();
    }

    [Fact]
    public void SecretNameRule_IsTheTemplatesAllowedPatternAndTheSchemasPattern()
    {
        var template = TemplateDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "templates", "pattern-1.yaml")));
        var schema = JsonNode.Parse(File.ReadAllText(RepoPaths.StateMachine("deployment-input.schema.json")))!;

        TemplateEvaluator.Text(template.Parameters["DBPasswordParameterName"]!["AllowedPattern"] as JsonValue)
            .Should().Be(DeploymentRequestValidator.SsmParameterNameRule);
        schema["properties"]!["secrets"]!["additionalProperties"]!["pattern"]!.GetValue<string>()
            .Should().Be("^" + DeploymentRequestValidator.SsmParameterNameRule + "$");
    }

    [Theory]
    [InlineData("CentOS7")]
    [InlineData("CentOS8")]
    public void OperatingSystem_EndOfLife_IsRefusedWithTheReason(string os)
    {
        var result = Validate($$"""{ "environment": "dev", "stackName": "wso2-dev", "parameters": { "OperatingSystem": "{{os}}" } }""");

        var problem = result.Problems.Should().ContainSingle().Subject;
        problem.Path.Should().Be("$.parameters.OperatingSystem");
        problem.Message.Should().Contain("unsupported operating system").And.Contain("end of life").And.Contain("Ubuntu");
    }

    [Fact]
    public void OperatingSystem_RefusedValues_AreTheSchemasToo()
    {
        var schema = JsonNode.Parse(File.ReadAllText(RepoPaths.StateMachine("deployment-input.schema.json")))!;
        var refused = schema["properties"]!["parameters"]!["properties"]!["OperatingSystem"]!["not"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();

        refused.Should().BeEquivalentTo(OperatingSystems.Refused).And.Contain("CentOS7");
        OperatingSystems.WhyUnsupported("Ubuntu1804").Should().BeNull();
        OperatingSystems.WhyUnsupported("Ubuntu2204").Should().BeNull();
    }

    [Fact]
    public void Verify_ProbeUrls_IsOffUnlessAsked()
    {
        Validate("""{ "environment": "dev", "stackName": "wso2-dev" }""").Deployment!.Verify.Should().Be(new VerifyOptions(ProbeUrls: false));
        Validate("""{ "environment": "dev", "stackName": "wso2-dev", "verify": { "probeUrls": true } }""").Deployment!.Verify.ProbeUrls.Should().BeTrue();
    }

    [Fact]
    public void Verify_WrongShapes_AreRefusedWithTheirPaths()
    {
        var result = Validate("""{ "environment": "dev", "stackName": "wso2-dev", "verify": { "probeUrls": "yes", "acceptAnyCertificate": true } }""");

        result.Problems.Select(p => p.Path).Should().BeEquivalentTo(["$.verify.probeUrls", "$.verify.acceptAnyCertificate"]);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(3601)]
    public void Timeouts_VerifyInterval_IsBounded(int seconds)
    {
        var result = Validate($$"""{ "environment": "dev", "stackName": "wso2-dev", "timeouts": { "verifyIntervalSeconds": {{seconds}} } }""");

        result.Problems.Should().ContainSingle().Which.Path.Should().Be("$.timeouts.verifyIntervalSeconds");
    }

    [Fact]
    public void Timeouts_VerifyInterval_LongerThanTheWholeVerify_IsRefused()
    {
        var result = Validate("""{ "environment": "dev", "stackName": "wso2-dev", "timeouts": { "verifySeconds": 120, "verifyIntervalSeconds": 300 } }""");

        result.Problems.Should().ContainSingle().Which.Message.Should().Contain("at most verifySeconds");
        Validate("""{ "environment": "dev", "stackName": "wso2-dev", "timeouts": { "verifySeconds": 600, "verifyIntervalSeconds": 30 } }""")
            .Deployment!.Timeouts.Should().Be(new PhaseTimeouts { VerifySeconds = 600, VerifyIntervalSeconds = 30 });
    }
}

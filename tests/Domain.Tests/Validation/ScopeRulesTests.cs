using System.Text.Json;
using Wso2Serverless.Domain.Validation;

namespace Wso2Serverless.Domain.Tests.Validation;

/// <summary>
/// #11: the validator refuses what the template's IAM would refuse later (a topic in another
/// account, region or outside the prefix; a template outside the bucket and prefix) and what IAM
/// alone would allow but must never happen (the orchestrator's own stack as a product stack).
/// These rules need the installation's settings, so they are not in the schema (see
/// SchemaContractTests.SettingsDependentRules).
/// </summary>
public sealed class ScopeRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    public static readonly RequestScope Scope = new()
    {
        StackNamePrefix = "wso2-env-",
        OrchestratorName = "wso2-orchestrator",
        TemplateBucket = "wso2-templates",
        TemplatePrefix = "templates/",
        Account = "123456789012",
        Region = "eu-west-1",
        TopicNamePrefix = "wso2-",
        OwnTopicArn = "arn:aws:sns:eu-west-1:123456789012:wso2-orchestrator-Topic-1A2B3C",
    };

    private static RequestValidation Validate(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return DeploymentRequestValidator.Validate(doc.RootElement.Clone(), "dep-1", At, Scope);
    }

    private static string Request(string stackName = "wso2-env-dev", string? template = null, string? topic = null) =>
        $$"""
        {
          "environment": "dev", "stackName": "{{stackName}}", "rebuild": true
          {{(template is null ? "" : $", \"template\": \"{template}\"")}}
          {{(topic is null ? "" : $", \"notification\": {{ \"topicArn\": \"{topic}\" }}")}}
        }
        """;

    [Fact]
    public void TheIssuesExample_TheOrchestratorsOwnStackWithRebuild_IsRefused()
    {
        var validation = Validate(Request("wso2-orchestrator"));

        validation.IsValid.Should().BeFalse();
        validation.Problems.Should().ContainSingle(p => p.Path == "$.stackName").Which.Message.Should().Contain("own stack");
    }

    [Theory]
    [InlineData("wso2-orchestrator")]
    [InlineData("WSO2-ORCHESTRATOR")]
    [InlineData("wso2-orchestrator-docs")]
    [InlineData("wso2-dev")]
    [InlineData("other")]
    public void AStackNameOutsideThisInstallation_IsRefused(string stackName) =>
        Validate(Request(stackName)).Problems.Should().ContainSingle(p => p.Path == "$.stackName");

    [Theory]
    [InlineData("arn:aws:sns:eu-west-1:210987654321:wso2-team")]
    [InlineData("arn:aws:sns:us-east-1:123456789012:wso2-team")]
    [InlineData("arn:aws:sns:eu-west-1:123456789012:team")]
    public void ATopicOutsideTheAccountRegionOrPrefix_IsRefused(string topic) =>
        Validate(Request(topic: topic)).Problems.Should().ContainSingle(p => p.Path == "$.notification.topicArn")
            .Which.Message.Should().Contain("123456789012").And.Contain("eu-west-1").And.Contain("'wso2-'");

    [Theory]
    [InlineData("arn:aws:sns:eu-west-1:123456789012:wso2-team")]
    [InlineData("arn:aws:sns:eu-west-1:123456789012:wso2-orchestrator-Topic-1A2B3C")]
    public void ATopicThePublishersMayReach_IsAccepted(string topic) =>
        Validate(Request(topic: topic)).IsValid.Should().BeTrue();

    [Theory]
    [InlineData("https://other-bucket.s3.eu-west-1.amazonaws.com/templates/pattern-1.yaml")]
    [InlineData("https://wso2-templates.s3.eu-west-1.amazonaws.com/elsewhere/pattern-1.yaml")]
    [InlineData("https://wso2-templates.s3.eu-west-1.amazonaws.com/templates/../secret.yaml")]
    [InlineData("https://wso2-templates.s3.eu-west-1.amazonaws.com/templates/%2e%2e/secret.yaml")]
    [InlineData("https://wso2-templates.s3.us-east-1.amazonaws.com/templates/pattern-1.yaml")]
    [InlineData("https://s3.eu-west-1.amazonaws.com/wso2-templates/templates/pattern-1.yaml")]
    [InlineData("https://wso2-templates.s3-eu-west-1.amazonaws.com/templates/pattern-1.yaml")]
    public void ATemplateOutsideTheBucketAndPrefix_IsRefused(string url) =>
        Validate(Request(template: url)).Problems.Should().ContainSingle(p => p.Path == "$.template")
            .Which.Message.Should().Contain("https://wso2-templates.s3.eu-west-1.amazonaws.com/templates/");

    [Theory]
    [InlineData("https://wso2-templates.s3.eu-west-1.amazonaws.com/templates/pattern-1.yaml")]
    [InlineData("https://wso2-templates.s3.amazonaws.com/templates/v2/pattern-1.yaml")]
    [InlineData("bundled")]
    public void ATemplateInTheBucketAndPrefix_IsAccepted(string url) =>
        Validate(Request(template: url)).IsValid.Should().BeTrue();

    [Fact]
    public void WithoutAScope_NoneOfTheseRulesApplies()
    {
        using var doc = JsonDocument.Parse(Request("wso2-orchestrator", "https://other.s3.us-east-1.amazonaws.com/x.yaml", "arn:aws:sns:us-east-1:210987654321:x"));

        DeploymentRequestValidator.Validate(doc.RootElement, "d", At, RequestScope.Unrestricted).IsValid.Should().BeTrue();
    }
}

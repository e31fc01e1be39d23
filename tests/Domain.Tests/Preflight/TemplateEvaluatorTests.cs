using System.Text.Json.Nodes;
using Wso2Serverless.Domain.Preflight;

namespace Wso2Serverless.Domain.Tests.Preflight;

public sealed class TemplateEvaluatorTests
{
    private static TemplateEvaluator For(Dictionary<string, string>? parameters = null, string region = "us-east-1") =>
        new(Fixtures.Document, parameters ?? [], region);

    [Fact]
    public void Parameter_IsTheRequestsValueElseTheDefault()
    {
        var evaluator = For(new() { ["OperatingSystem"] = "CentOS7" });

        evaluator.Parameter("OperatingSystem").Should().Be("CentOS7");
        evaluator.Parameter("ApimAmiId").Should().Be("");
        evaluator.Parameter("DBUsername").Should().BeNull("it has no default and the request gives none");
    }

    [Fact]
    public void Evaluate_FollowsIfAndFindInMapForTheRegion()
    {
        var image = Fixtures.Document.Resources["ApimLaunchTemplate"]!["Properties"]!["LaunchTemplateData"]!["ImageId"];

        For().Evaluate(image).Should().Be("ami-0bbb0000000000001");
        For(region: "eu-west-1").Evaluate(image).Should().Be("ami-0bbb0000000000002");
        For(new() { ["OperatingSystem"] = "CentOS7" }).Evaluate(image).Should().Be("ami-0ccc0000000000001");
        For(new() { ["ApimAmiId"] = "ami-0123456789abcdef0" }).Evaluate(image).Should().Be("ami-0123456789abcdef0");
        For(region: "eu-central-1").Evaluate(image).Should().BeNull("the mapping has no entry for the region");
    }

    [Fact]
    public void Condition_EvaluatesNotEqualsAndReferences()
    {
        For().Condition("ShipsLogs").Should().BeFalse();
        For(new() { ["ElasticSearchEndpoint"] = "https://es.example.com" }).Condition("ShipsLogs").Should().BeTrue();
        For().Condition("NoSuchCondition").Should().BeNull();
    }

    [Fact]
    public void Evaluate_WhatIsUnknownBeforeTheStackExists_IsNull()
    {
        For().Evaluate(JsonNode.Parse("""{"Fn::GetAtt": ["LoadBalancer", "DNSName"]}""")).Should().BeNull();
        For().Evaluate(JsonNode.Parse("""{"Fn::Sub": "${AWS::StackName}"}""")).Should().BeNull();
        For().Evaluate(JsonNode.Parse("""{"Ref": "PuppetMaster"}""")).Should().BeNull("a resource's id is not known yet");
        For().Test(JsonNode.Parse("""{"Fn::Equals": [{"Ref": "DBUsername"}, "wso2"]}""")).Should().BeNull();
    }

    [Fact]
    public void Conditions_CombineAsCloudFormationDoes()
    {
        var document = TemplateDocument.Parse("""
            Parameters:
              A: {Type: String, Default: x}
            Conditions:
              IsX: !Equals [!Ref A, x]
              IsY: !Equals [!Ref A, y]
              Both: !And [!Condition IsX, !Condition IsY]
              Either: !Or [!Condition IsX, !Condition IsY]
              Loop: !Condition Loop
            """);
        var evaluator = new TemplateEvaluator(document, new Dictionary<string, string>(), "us-east-1");

        evaluator.Condition("Both").Should().BeFalse();
        evaluator.Condition("Either").Should().BeTrue();
        evaluator.Condition("Loop").Should().BeNull();
    }
}

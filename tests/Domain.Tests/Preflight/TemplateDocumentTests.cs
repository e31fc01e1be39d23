using System.Text.Json.Nodes;
using Wso2Serverless.Domain.Preflight;

namespace Wso2Serverless.Domain.Tests.Preflight;

public sealed class TemplateDocumentTests
{
    [Fact]
    public void Parse_Yaml_TurnsShortFormsIntoTheLongOnes()
    {
        var resources = Fixtures.Document.Resources;

        var pm = resources["PuppetMaster"]!["Properties"]!;
        JsonNode.DeepEquals(pm["ImageId"], JsonNode.Parse("""
            {"Fn::If": ["HasPuppetMasterAmi", {"Ref": "PuppetMasterAmiId"}, {"Fn::FindInMap": ["PuppetMasterAmi", {"Ref": "AWS::Region"}, "Ubuntu2204"]}]}
            """)).Should().BeTrue(pm["ImageId"]!.ToJsonString());
        JsonNode.DeepEquals(pm["UserData"], JsonNode.Parse("""{"Fn::Base64": {"Fn::Sub": "echo ${AWS::StackName}"}}""")).Should().BeTrue();
        JsonNode.DeepEquals(resources["LoadBalancer"]!["Properties"]!["Name"], JsonNode.Parse("""{"Fn::GetAtt": ["Something", "Name"]}""")).Should().BeTrue();
        JsonNode.DeepEquals(Fixtures.Document.Conditions["HasApimAmi"], JsonNode.Parse("""{"Fn::Not": [{"Fn::Equals": [{"Ref": "ApimAmiId"}, ""]}]}""")).Should().BeTrue();
    }

    [Fact]
    public void Parse_Yaml_ReadsEveryScalarAsAString()
    {
        var count = Fixtures.Document.Parameters["NodeCount"]!;

        TemplateEvaluator.Text(count["MinValue"] as JsonValue).Should().Be("1");
        TemplateEvaluator.Text(Fixtures.Document.Parameters["ApimAmiId"]!["Default"] as JsonValue).Should().Be("");
    }

    [Fact]
    public void Parse_Json_GivesTheSameShape()
    {
        var document = TemplateDocument.Parse("""
            { "Parameters": { "Os": { "Type": "String", "Default": "Ubuntu2204" }, "Size": { "Type": "Number", "MaxValue": 3 } },
              "Resources": { "Node": { "Type": "AWS::EC2::Instance", "Properties": { "ImageId": { "Ref": "Ami" } } } } }
            """);

        document.Parameters.Should().ContainKeys("Os", "Size");
        TemplateEvaluator.Text(document.Parameters["Size"]!["MaxValue"] as JsonValue).Should().Be("3");
        document.Mappings.Should().BeEmpty();
    }

    [Theory]
    [InlineData("Resources: [unclosed")]
    [InlineData("{ \"Resources\": ")]
    [InlineData("- just\n- a list")]
    public void Parse_OfSomethingElse_SaysWhat(string body)
    {
        var act = () => TemplateDocument.Parse(body);

        act.Should().Throw<InvalidDataException>().WithMessage("*template*");
    }

    [Fact]
    public void Parse_TheBundledTemplate_ReadsItsMappingsAndResources()
    {
        var document = TemplateDocument.Parse(File.ReadAllText(Fixtures.BundledTemplatePath));

        document.Mappings.Should().NotBeEmpty();
        document.Resources.Should().Contain(r => r.Value!["Type"]!.GetValue<string>() == "AWS::ElasticLoadBalancingV2::TargetGroup");
    }
}

using System.Text.Json.Nodes;
using Wso2Serverless.Functions.Hosting;

namespace Wso2Serverless.Templates.Tests.ServerlessTemplate;

/// <summary>
/// #11 "declared once": each function's permissions are declared beside its catalog entry and
/// serverless.template's Policies are generated from them. This fails when the committed template
/// differs from what the declarations generate; <c>scripts/generate-policies.sh</c> (this test with
/// WSO2_WRITE_POLICIES=1) writes them.
/// </summary>
public sealed class FunctionPolicyTests
{
    [Fact]
    public void TheCommittedPolicies_AreWhatTheCatalogDeclares()
    {
        var committed = ServerlessTemplateFile.Template;
        var generated = FunctionPolicies.Generate(committed);
        if (Environment.GetEnvironmentVariable("WSO2_WRITE_POLICIES") == "1")
        {
            File.WriteAllText(ServerlessTemplateFile.Path, TemplateJson.Write(generated));
            return;
        }

        foreach (var (id, properties) in ServerlessTemplateFile.OfType("AWS::Serverless::Function"))
        {
            var function = FunctionCatalog.Find((string)properties["Handler"]!)!;
            JsonNode.DeepEquals(properties["Policies"], FunctionPolicies.For(function)).Should()
                .BeTrue($"{id}'s Policies are generated from the catalog entry of '{function.Handler}': run scripts/generate-policies.sh\ncommitted: {properties["Policies"]?.ToJsonString()}\ndeclared:  {FunctionPolicies.For(function).ToJsonString()}");
        }
    }

    [Fact]
    public void EveryFunction_DeclaresItsPermissions()
    {
        foreach (var function in FunctionCatalog.All)
        {
            function.Permissions.Should().NotBeEmpty($"{function.Handler} talks to its table at least");
            function.Permissions.Select(g => g.Sid).Should().OnlyHaveUniqueItems($"{function.Handler}'s statements have distinct Sids");
        }
    }

    [Fact]
    public void TheGenerator_ChangesOnlyPolicies_AndWritesTheTemplatesOwnLayout()
    {
        // The layout writer reproduces the committed file byte for byte, so regenerating touches
        // only the Policies that changed.
        TemplateJson.Write(ServerlessTemplateFile.Template).Should().Be(File.ReadAllText(ServerlessTemplateFile.Path));

        var generated = FunctionPolicies.Generate(ServerlessTemplateFile.Template);
        foreach (var (id, resource) in generated["Resources"]!.AsObject())
        {
            var original = ServerlessTemplateFile.Resources[id]!.DeepClone().AsObject();
            var copy = resource!.DeepClone().AsObject();
            original["Properties"]?.AsObject().Remove("Policies");
            copy["Properties"]?.AsObject().Remove("Policies");
            JsonNode.DeepEquals(original, copy).Should().BeTrue($"{id}: only Policies are generated");
        }
    }
}

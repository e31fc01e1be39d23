using System.Text.Json.Nodes;
using Wso2Serverless.Templates.Tests.Support;

namespace Wso2Serverless.Templates.Tests.ServerlessTemplate;

/// <summary>
/// serverless.template as CloudFormation sees it after the SAM transform, by AWS's own translator
/// (aws-sam-translator, offline): local code and definition paths become S3 URIs first, as after
/// <c>sam package</c>.
/// </summary>
internal static class SamTranslator
{
    private const string Script = """
        import json, sys
        from samtranslator.translator.transform import transform
        from samtranslator.public.translator import ManagedPolicyLoader
        template = json.load(open(sys.argv[1]))
        for resource in template["Resources"].values():
            properties = resource.get("Properties", {})
            for key in ("CodeUri", "DefinitionUri"):
                if isinstance(properties.get(key), str):
                    properties[key] = "s3://bucket/" + properties[key]
        code = template.get("Globals", {}).get("Function", {})
        if isinstance(code.get("CodeUri"), str):
            code["CodeUri"] = "s3://bucket/" + code["CodeUri"]
        class NoManagedPolicies(ManagedPolicyLoader):
            def __init__(self):
                pass
            def load(self):
                return {}
        print(json.dumps(transform(template, {}, NoManagedPolicies())))
        """;

    public static async Task<JsonObject> TransformAsync()
    {
        var result = await ProcessRunner.RunAsync("python3", ["-c", Script, ServerlessTemplateFile.Path],
            environment: new Dictionary<string, string> { ["AWS_DEFAULT_REGION"] = "eu-west-1" }, workingDirectory: Repo.Root, timeout: TimeSpan.FromMinutes(2));
        result.ExitCode.Should().Be(0, result.Output);
        return JsonNode.Parse(result.LastLine)!.AsObject();
    }
}

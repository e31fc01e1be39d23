using System.Text.Json.Nodes;
using Wso2Serverless.Templates.Tests.Support;

namespace Wso2Serverless.Templates.Tests.ServerlessTemplate;

/// <summary>
/// serverless.template as CloudFormation sees it after the SAM transform, by AWS's own translator
/// (aws-sam-translator, offline): local code and definition paths become S3 URIs first, as after
/// <c>sam package</c> (tools/iam/effective_policies.py does both).
/// </summary>
internal static class SamTranslator
{
    /// <summary>The evaluator's own preparation and transform (tools/iam), so both read one template the same way.</summary>
    private const string Script = """
        import json, sys
        sys.path.insert(0, "tools/iam")
        from effective_policies import transformed
        print(json.dumps(transformed(sys.argv[1])))
        """;

    public static async Task<JsonObject> TransformAsync()
    {
        var result = await ProcessRunner.RunAsync("python3", ["-c", Script, ServerlessTemplateFile.Path],
            environment: new Dictionary<string, string> { ["AWS_DEFAULT_REGION"] = "eu-west-1" }, workingDirectory: Repo.Root, timeout: TimeSpan.FromMinutes(2));
        result.ExitCode.Should().Be(0, result.Output);
        return JsonNode.Parse(result.LastLine)!.AsObject();
    }
}

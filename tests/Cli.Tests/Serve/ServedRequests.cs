using System.Text.Json.Nodes;
using Wso2Serverless.Cli.Tests.Support;

namespace Wso2Serverless.Cli.Tests.Serve;

/// <summary>The README session's request files (docs/examples), and the same request for other environments.</summary>
internal static class ServedRequests
{
    public static string Example(string environment) => RepositoryFiles.InRepo("docs", "examples", environment + ".json");

    /// <summary>docs/examples/dev.json made over for <paramref name="environment"/>, with <paramref name="extra"/> top-level fields.</summary>
    public static string For(string environment, JsonObject? extra = null)
    {
        var request = JsonNode.Parse(File.ReadAllText(Example("dev")))!.AsObject();
        request["environment"] = environment;
        request["stackName"] = "wso2-" + environment;
        request["secrets"]!["DBPassword"] = $"/wso2/{environment}/db-password";
        foreach (var (name, value) in extra ?? [])
        {
            request[name] = value?.DeepClone();
        }

        return Requests.Write(request.ToJsonString());
    }
}

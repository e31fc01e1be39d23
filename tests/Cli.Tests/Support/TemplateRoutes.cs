using System.Text.Json;

namespace Wso2Serverless.Cli.Tests.Support;

/// <summary>The API's route keys as serverless.template declares them on the API function (what API Gateway will route, $default included).</summary>
internal static class TemplateRoutes
{
    public static IReadOnlyList<string> Read()
    {
        using var template = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.InRepo("serverless.template")));
        var routes = new List<string>();
        foreach (var resource in template.RootElement.GetProperty("Resources").EnumerateObject())
        {
            if (!resource.Value.TryGetProperty("Properties", out var properties)
                || !properties.TryGetProperty("Handler", out var handler) || handler.GetString() != "api"
                || !properties.TryGetProperty("Events", out var events))
            {
                continue;
            }

            foreach (var e in events.EnumerateObject())
            {
                if (e.Value.GetProperty("Type").GetString() == "HttpApi")
                {
                    // SAM: an HttpApi event without Method and Path is the API's $default route.
                    var p = e.Value.GetProperty("Properties");
                    routes.Add(p.TryGetProperty("Method", out var method) && p.TryGetProperty("Path", out var path)
                        ? $"{method.GetString()} {path.GetString()}"
                        : "$default");
                }
            }
        }

        return routes;
    }
}

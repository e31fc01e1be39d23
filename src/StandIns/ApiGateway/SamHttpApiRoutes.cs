using System.Text.Json;

namespace Wso2Serverless.StandIns.ApiGateway;

/// <summary>
/// The route keys a SAM template declares for one function (its <c>HttpApi</c> events), which is
/// what API Gateway will route to it; an <c>HttpApi</c> event without Method and Path is the
/// API's <c>$default</c> route.
/// </summary>
public static class SamHttpApiRoutes
{
    /// <summary>The route keys of the function whose <c>Handler</c> is <paramref name="handler"/> in the JSON template at <paramref name="templatePath"/>.</summary>
    public static IReadOnlyList<string> Read(string templatePath, string handler)
    {
        using var template = JsonDocument.Parse(File.ReadAllText(templatePath));
        var routes = new List<string>();
        foreach (var resource in template.RootElement.GetProperty("Resources").EnumerateObject())
        {
            if (!resource.Value.TryGetProperty("Properties", out var properties)
                || !properties.TryGetProperty("Handler", out var declared) || declared.GetString() != handler
                || !properties.TryGetProperty("Events", out var events))
            {
                continue;
            }

            foreach (var e in events.EnumerateObject())
            {
                if (e.Value.GetProperty("Type").GetString() == "HttpApi")
                {
                    var p = e.Value.GetProperty("Properties");
                    routes.Add(p.TryGetProperty("Method", out var method) && p.TryGetProperty("Path", out var path)
                        ? $"{method.GetString()} {path.GetString()}"
                        : HttpApiRoutes.Default);
                }
            }
        }

        return routes;
    }
}

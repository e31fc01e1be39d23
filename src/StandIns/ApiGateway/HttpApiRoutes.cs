namespace Wso2Serverless.StandIns.ApiGateway;

/// <summary>
/// An HTTP API's route keys (<c>POST /deployments</c>, <c>GET /deployments/{id}</c>, ...). A request
/// matches a route when the method is the same (or the route's is <c>ANY</c>) and every literal
/// segment is equal; <c>{name}</c> captures one segment and <c>{name+}</c> the rest. API Gateway
/// prefers the most specific route; without a match it answers 404 itself unless there is a
/// <c>$default</c> route, which takes everything else.
/// </summary>
public sealed class HttpApiRoutes
{
    public const string Default = "$default";

    private readonly List<(string Key, string Method, string[] Segments)> _routes = [];
    private readonly bool _hasDefault;

    public HttpApiRoutes(IEnumerable<string> routeKeys)
    {
        ArgumentNullException.ThrowIfNull(routeKeys);
        foreach (var key in routeKeys)
        {
            if (key == Default)
            {
                _hasDefault = true;
                continue;
            }

            var parts = key.Split(' ', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !parts[1].StartsWith('/'))
            {
                throw new ArgumentException($"'{key}' is not a route key ('METHOD /path' or '$default').", nameof(routeKeys));
            }

            _routes.Add((key, parts[0].ToUpperInvariant(), parts[1].Split('/', StringSplitOptions.RemoveEmptyEntries)));
        }
    }

    /// <summary>Only the <c>$default</c> route: every request goes to the integration.</summary>
    public static HttpApiRoutes DefaultOnly { get; } = new([Default]);

    /// <summary>The route key a request selects and the path parameters it captures; null when none matches.</summary>
    public (string RouteKey, IReadOnlyDictionary<string, string>? PathParameters)? Match(string method, string rawPath)
    {
        var segments = rawPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        (string Key, Dictionary<string, string> Parameters, int Literals)? best = null;
        foreach (var (key, routeMethod, routeSegments) in _routes)
        {
            if (routeMethod != "ANY" && !string.Equals(routeMethod, method, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (TryBind(routeSegments, segments) is { } bound && (best is null || bound.Literals > best.Value.Literals))
            {
                best = (key, bound.Parameters, bound.Literals);
            }
        }

        if (best is { } found)
        {
            return (found.Key, found.Parameters.Count == 0 ? null : found.Parameters);
        }

        return _hasDefault ? (Default, null) : null;
    }

    private static (Dictionary<string, string> Parameters, int Literals)? TryBind(string[] route, string[] path)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var literals = 0;
        for (var i = 0; i < route.Length; i++)
        {
            var part = route[i];
            if (part.StartsWith('{') && part.EndsWith("+}", StringComparison.Ordinal))
            {
                if (i >= path.Length)
                {
                    return null;
                }

                parameters[part[1..^2]] = string.Join('/', path[i..]);
                return (parameters, literals);
            }

            if (i >= path.Length)
            {
                return null;
            }

            if (part.StartsWith('{') && part.EndsWith('}'))
            {
                parameters[part[1..^1]] = path[i];
            }
            else if (part == path[i])
            {
                literals++;
            }
            else
            {
                return null;
            }
        }

        return route.Length == path.Length ? (parameters, literals) : null;
    }
}

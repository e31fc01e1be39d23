using System.Net;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Runtime;

namespace Wso2Serverless.Functions.Api;

/// <summary>
/// The orchestrator's HTTP API behind API Gateway (HTTP API, IAM authorisation, payload 2.0).
/// Routes itself from method and path rather than trusting <c>routeKey</c>, because the
/// <c>$default</c> route sends every unknown path here too, and those must get a 404 or 405
/// problem document instead of API Gateway's bare one. A client's mistake is always a 4xx.
/// </summary>
public sealed partial class ApiHandler(FunctionServices services)
{
    private readonly FunctionServices _services = services ?? throw new ArgumentNullException(nameof(services));

    public async Task<HttpApiResponse> HandleAsync(HttpApiRequest request, LambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var method = (request.RequestContext?.Http?.Method ?? "").ToUpperInvariant();
        var path = RoutePath(request);
        var call = new ApiCall(request, method, path, context);
        try
        {
            var response = await RouteAsync(call).ConfigureAwait(false);
            // Method, path and status only: bodies may carry references a reader need not see.
            context.Log.Info("api request", ("method", method), ("path", path), ("status", response.StatusCode),
                ("caller", request.RequestContext?.Authorizer?.Iam?.UserArn));
            return response;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            context.Log.Error("api request failed", ex, ("method", method), ("path", path));
            return ApiResults.Problem(HttpStatusCode.InternalServerError, ProblemTypes.Internal, "The orchestrator could not handle the request.",
                $"Nothing about the request was wrong as far as we know; retry, or report request id {context.RequestId}.", path);
        }
    }

    private Task<HttpApiResponse> RouteAsync(ApiCall call)
    {
        var s = call.Segments;
        return s switch
        {
            ["deployments"] => Dispatch(call, ("POST", () => StartDeploymentAsync(call))),
            ["deployments", var id] => Dispatch(call, ("GET", () => GetDeploymentAsync(call, id))),
            ["deployments", var id, "cancel"] => Dispatch(call, ("POST", () => CancelDeploymentAsync(call, id))),
            ["environments", var env] => Dispatch(call, ("GET", () => GetEnvironmentAsync(call, env)), ("PUT", () => PutEnvironmentAsync(call, env))),
            ["environments", var env, "deployments"] => Dispatch(call, ("GET", () => ListDeploymentsAsync(call, env))),
            ["environments", var env, "stack"] => Dispatch(call, ("DELETE", () => TeardownAsync(call, env))),
            _ => Task.FromResult(ApiResults.NotFound(call.Path, $"There is no resource at '{call.Path}'.")),
        };
    }

    private static Task<HttpApiResponse> Dispatch(ApiCall call, params (string Method, Func<Task<HttpApiResponse>> Handle)[] routes)
    {
        foreach (var (method, handle) in routes)
        {
            if (method == call.Method)
            {
                return handle();
            }
        }

        var allowed = string.Join(", ", routes.Select(r => r.Method));
        return Task.FromResult(ApiResults.Problem(HttpStatusCode.MethodNotAllowed, ProblemTypes.MethodNotAllowed, "Method not allowed.",
            $"'{call.Method}' is not allowed on '{call.Path}'; allowed: {allowed}.", call.Path,
            headers: new Dictionary<string, string>(StringComparer.Ordinal) { ["allow"] = allowed }));
    }

    /// <summary>The path below the stage: a named stage appears as the first segment of rawPath.</summary>
    private static string RoutePath(HttpApiRequest request)
    {
        var path = request.RawPath ?? request.RequestContext?.Http?.Path ?? "/";
        var stage = request.RequestContext?.Stage;
        if (stage is { Length: > 0 } && stage != "$default" && path.StartsWith("/" + stage + "/", StringComparison.Ordinal))
        {
            path = path[(stage.Length + 1)..];
        }

        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    /// <summary>Where the API is reachable, for status URLs: configured, or the domain the request came in on.</summary>
    private string BaseUrl(HttpApiRequest request)
    {
        if (_services.Settings.ApiBaseUrl is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }

        var domain = request.RequestContext?.DomainName ?? request.Header("host") ?? "localhost";
        var stage = request.RequestContext?.Stage;
        return stage is { Length: > 0 } && stage != "$default" ? $"https://{domain}/{stage}" : $"https://{domain}";
    }

    /// <summary>One request as the endpoints see it.</summary>
    private sealed class ApiCall(HttpApiRequest request, string method, string path, LambdaContext context)
    {
        public HttpApiRequest Request { get; } = request;
        public string Method { get; } = method;
        public string Path { get; } = path;
        public LambdaContext Context { get; } = context;
        public CancellationToken Cancellation => Context.CancellationToken;
        public string[] Segments { get; } = [.. path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString)];
        public string Caller => Request.RequestContext?.Authorizer?.Iam?.UserArn ?? "an unknown caller";
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Wso2Serverless.Cli.Api;

/// <summary>
/// The orchestrator's HTTP API, one method per route of src/Functions/Api/ApiHandler (paths and
/// methods exactly as routed there). Requests go through the SigV4 handler the
/// <see cref="HttpClient"/> was built with; errors become <see cref="ApiProblemException"/>.
/// </summary>
public sealed class OrchestratorApi(HttpClient http, Uri baseUrl)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly Uri _base = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");

    public Uri BaseUrl => _base;

    /// <summary><c>POST /deployments</c> with the request file's bytes as they are.</summary>
    public Task<ApiAnswer<StartedRun>> StartDeploymentAsync(byte[] request, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "deployments", request, CliJsonContext.Default.StartedRun, ct);

    /// <summary><c>GET /deployments/{id}</c>.</summary>
    public Task<ApiAnswer<RunView>> GetDeploymentAsync(string deploymentId, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"deployments/{Escape(deploymentId)}", null, CliJsonContext.Default.RunView, ct);

    /// <summary><c>GET /environments/{env}/deployments?limit=&amp;cursor=</c>.</summary>
    public Task<ApiAnswer<HistoryPage>> ListDeploymentsAsync(string environment, int? limit, string? cursor, CancellationToken ct)
    {
        var query = new List<string>();
        if (limit is { } l)
        {
            query.Add($"limit={l}");
        }

        if (cursor is { Length: > 0 })
        {
            query.Add($"cursor={Uri.EscapeDataString(cursor)}");
        }

        var path = $"environments/{Escape(environment)}/deployments" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        return SendAsync(HttpMethod.Get, path, null, CliJsonContext.Default.HistoryPage, ct);
    }

    /// <summary><c>POST /deployments/{id}/cancel</c>.</summary>
    public Task<ApiAnswer<CancelledRun>> CancelAsync(string deploymentId, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"deployments/{Escape(deploymentId)}/cancel", null, CliJsonContext.Default.CancelledRun, ct);

    /// <summary><c>DELETE /environments/{env}/stack</c>.</summary>
    public Task<ApiAnswer<StartedRun>> TeardownAsync(string environment, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, $"environments/{Escape(environment)}/stack", null, CliJsonContext.Default.StartedRun, ct);

    /// <summary><c>GET /environments/{env}</c>.</summary>
    public Task<ApiAnswer<EnvironmentSchedule>> GetScheduleAsync(string environment, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"environments/{Escape(environment)}", null, CliJsonContext.Default.EnvironmentSchedule, ct);

    /// <summary><c>PUT /environments/{env}</c> with the body as given.</summary>
    public Task<ApiAnswer<EnvironmentSchedule>> PutScheduleAsync(string environment, byte[] body, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, $"environments/{Escape(environment)}", body, CliJsonContext.Default.EnvironmentSchedule, ct);

    private async Task<ApiAnswer<T>> SendAsync<T>(HttpMethod method, string relative, byte[]? body, JsonTypeInfo<T> type, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(_base, relative));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = Json;
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ApiUnavailableException($"Could not reach the API at {_base}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new ApiUnavailableException($"The API at {_base} did not answer in time.", ex);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw Failure(response.StatusCode, text);
            }

            try
            {
                var value = JsonSerializer.Deserialize(text, type) ?? throw new JsonException("empty body");
                return new ApiAnswer<T>(response.StatusCode, value, text);
            }
            catch (JsonException ex)
            {
                throw new ApiUnavailableException($"The API at {_base} answered {(int)response.StatusCode} with a body this client cannot read: {ex.Message}", ex);
            }
        }
    }

    private static ApiProblemException Failure(HttpStatusCode status, string text)
    {
        Problem? problem = null;
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (document.RootElement.TryGetProperty("title", out _) || document.RootElement.TryGetProperty("type", out _))
                {
                    problem = document.RootElement.Deserialize(CliJsonContext.Default.Problem);
                }
                else if (document.RootElement.TryGetProperty("message", out var m) || document.RootElement.TryGetProperty("Message", out m))
                {
                    message = m.GetString();
                }
            }
        }
        catch (JsonException)
        {
            message = text.Length > 200 ? text[..200] : text;
        }

        return new ApiProblemException(status, problem, message, text);
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}

/// <summary>A successful answer: status, the parsed body, and the body as sent (for <c>--output json</c>).</summary>
public sealed record ApiAnswer<T>(HttpStatusCode Status, T Value, string Body);

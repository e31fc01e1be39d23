using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Wso2Serverless.Runtime;

/// <summary>
/// The four calls of the Lambda Runtime API (version 2018-06-01) a custom runtime makes:
/// next invocation, invocation response, invocation error and init error. The base address is
/// <c>http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/</c>; the <see cref="HttpClient"/> must have no
/// timeout, because <c>next</c> blocks for as long as the environment waits for an event.
/// </summary>
public sealed class RuntimeApiClient
{
    public const string ApiVersion = "2018-06-01";
    public const string RequestIdHeader = "Lambda-Runtime-Aws-Request-Id";
    public const string DeadlineHeader = "Lambda-Runtime-Deadline-Ms";
    public const string FunctionArnHeader = "Lambda-Runtime-Invoked-Function-Arn";
    public const string TraceIdHeader = "Lambda-Runtime-Trace-Id";
    public const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient http;

    /// <param name="http">Its <see cref="HttpClient.BaseAddress"/> is the API root including the version, ending in '/'.</param>
    public RuntimeApiClient(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs the Runtime API base address.", nameof(http));
        }

        this.http = http;
    }

    /// <summary>The base address for a value of <c>AWS_LAMBDA_RUNTIME_API</c> ("host:port").</summary>
    public static Uri BaseAddressFor(string runtimeApi)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runtimeApi);
        return new Uri($"http://{runtimeApi.Trim().TrimEnd('/')}/{ApiVersion}/", UriKind.Absolute);
    }

    /// <summary>Waits for the next event. Blocks until Lambda has one (or <paramref name="cancellationToken"/> fires).</summary>
    public async Task<Invocation> NextAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri("runtime/invocation/next", UriKind.Relative), HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new RuntimeApiException($"GET runtime/invocation/next answered {(int)response.StatusCode}.", response.StatusCode);
        }

        var requestId = Header(response, RequestIdHeader)
            ?? throw new RuntimeApiException($"The next invocation has no {RequestIdHeader} header.");
        DateTimeOffset? deadline = long.TryParse(Header(response, DeadlineHeader), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new Invocation(requestId, deadline, Header(response, FunctionArnHeader) ?? "", Header(response, TraceIdHeader), payload);
    }

    /// <summary>Posts a handler's result.</summary>
    public async Task PostResponseAsync(string requestId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = Json;
        await PostAsync(InvocationPath(requestId, "response"), content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reports a failed invocation. The error must already be redacted.</summary>
    public Task PostErrorAsync(string requestId, RuntimeError error, CancellationToken cancellationToken) =>
        PostErrorToAsync(InvocationPath(requestId, "error"), error, cancellationToken);

    /// <summary>Reports that the function could not start; Lambda then fails the pending invocation.</summary>
    public Task PostInitErrorAsync(RuntimeError error, CancellationToken cancellationToken) =>
        PostErrorToAsync("runtime/init/error", error, cancellationToken);

    private async Task PostErrorToAsync(string path, RuntimeError error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(error, RuntimeJsonContext.Default.RuntimeError));
        content.Headers.ContentType = Json;
        await PostAsync(path, content, cancellationToken, error.ErrorType).ConfigureAwait(false);
    }

    private async Task PostAsync(string path, HttpContent content, CancellationToken cancellationToken, string? errorType = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation(ErrorTypeHeader, errorType);
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new RuntimeApiException($"POST {path} answered {(int)response.StatusCode}.", response.StatusCode);
        }
    }

    private static string InvocationPath(string requestId, string leaf)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        return $"runtime/invocation/{Uri.EscapeDataString(requestId)}/{leaf}";
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}

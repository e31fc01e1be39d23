using System.Net;

namespace Wso2Serverless.StandIns.ApiGateway;

/// <summary>
/// Invokes the integration with one payload-2.0 event and returns the function's raw answer;
/// throwing is an invocation error. The real API handler comes in through the function catalog;
/// <c>simulate --serve</c> will hand in its world's dispatch.
/// </summary>
public delegate Task<ReadOnlyMemory<byte>> HttpApiIntegration(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

/// <summary>How the stand-in is set up: the API's routes, who may call it, and where it claims to be.</summary>
public sealed record HttpApiStandInOptions
{
    public required HttpApiIntegration Integration { get; init; }
    public required IReadOnlyList<ApiPrincipal> Principals { get; init; }
    public HttpApiRoutes Routes { get; init; } = HttpApiRoutes.DefaultOnly;
    public string Region { get; init; } = "us-east-1";
    public HttpApiEvent.Site Site { get; init; } = new("123456789012", "local");
    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }
    /// <summary>Signature dates and <c>requestContext.time</c> read this clock (a world's clock in simulate).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
    /// <summary>Told of every request and its answer, refusals included (a request log).</summary>
    public Action<ReceivedRequest, IntegrationResponse>? Answered { get; init; }
}

/// <summary>
/// An HTTP API with IAM authorisation on loopback, as <c>sam local start-api</c> serves one: each
/// request is checked as API Gateway checks it (SigV4, route), turned into a payload format 2.0
/// event, passed to <see cref="HttpApiStandInOptions.Integration"/>, and the function's answer is
/// written back as API Gateway would write it.
/// </summary>
public sealed class HttpApiStandIn : IAsyncDisposable
{
    private const int MaxBodyBytes = 10 * 1024 * 1024;

    private readonly HttpListener _listener;
    private readonly HttpApiStandInOptions _options;
    private readonly SigV4Verifier _verifier;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private HttpApiStandIn(HttpListener listener, int port, HttpApiStandInOptions options)
    {
        _listener = listener;
        _options = options;
        _verifier = new SigV4Verifier(options.Principals, options.Region, options.Time);
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The API's base URL (the <c>ApiUrl</c> a deployed stack would output).</summary>
    public Uri Endpoint { get; }

    public static HttpApiStandIn Start(HttpApiStandInOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (listener, port) = Http.LoopbackHttpListener.Start(options.Port);
        return new HttpApiStandIn(listener, port, options);
    }

    /// <summary>Handles one request end to end; public so tests can drive it without sockets.</summary>
    public async Task<IntegrationResponse> HandleAsync(ReceivedRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var verdict = _verifier.Verify(request);
        if (!verdict.Allowed)
        {
            return IntegrationResponse.Message(403, verdict.Refusal!);
        }

        if (_options.Routes.Match(request.Method, request.RawPath) is not { } route)
        {
            return IntegrationResponse.Message(404, "Not Found");
        }

        var payload = HttpApiEvent.Build(request, route.RouteKey, route.PathParameters, verdict.Caller, _options.Site, _options.Time.GetUtcNow());
        try
        {
            var answer = await _options.Integration(payload, cancellationToken).ConfigureAwait(false);
            return IntegrationResponse.FromPayload(answer.Span);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return IntegrationResponse.InternalServerError;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Close();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopping the listener ends the pending accept with one of these.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException && _stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var request = await ReadAsync(context.Request).ConfigureAwait(false);
            var answer = request is null
                ? IntegrationResponse.Message(413, "Request Entity Too Large")
                : await HandleAsync(request, _stop.Token).ConfigureAwait(false);
            if (request is not null)
            {
                _options.Answered?.Invoke(request, answer);
            }

            await WriteAsync(answer, response).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away or the stand-in is stopping: nothing left to answer.
        }
        finally
        {
            response.Close();
        }
    }

    private static async Task<ReceivedRequest?> ReadAsync(HttpListenerRequest request)
    {
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body).ConfigureAwait(false);
        if (body.Length > MaxBodyBytes)
        {
            return null;
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var name in request.Headers.AllKeys.OfType<string>())
        {
            foreach (var value in request.Headers.GetValues(name) ?? [])
            {
                headers.Add(new(name, value));
            }
        }

        return new ReceivedRequest(
            request.HttpMethod,
            request.RawUrl ?? "/",
            headers,
            body.ToArray(),
            request.RemoteEndPoint.Address.ToString(),
            $"HTTP/{request.ProtocolVersion.Major}.{request.ProtocolVersion.Minor}");
    }

    private static async Task WriteAsync(IntegrationResponse answer, HttpListenerResponse response)
    {
        response.StatusCode = answer.StatusCode;
        foreach (var (name, value) in answer.Headers)
        {
            switch (name)
            {
                case "content-type":
                    response.ContentType = value;
                    break;
                case "content-length" or "transfer-encoding" or "connection":
                    break;
                default:
                    response.Headers.Add(name, value);
                    break;
            }
        }

        response.ContentLength64 = answer.Body.Length;
        await response.OutputStream.WriteAsync(answer.Body).ConfigureAwait(false);
    }
}

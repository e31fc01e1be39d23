using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Wso2Serverless.Aws.Tests.Http;

/// <summary>One request as the stub saw it.</summary>
public sealed record StubRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>What the stub answers; <see cref="Hang"/> never answers (until the client gives up).</summary>
public sealed record StubResponse(int Status, string Body = "{}", string ContentType = "application/x-amz-json-1.0", IReadOnlyDictionary<string, string>? Headers = null, bool Hang = false);

/// <summary>
/// A real HTTP server on loopback that answers with scripted responses, for the error shapes and
/// faults moto cannot produce (task-token errors, throttling). Requests go over the wire, so the
/// clients' whole handler chain runs as it does against AWS.
/// </summary>
public sealed class StubServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<StubResponse> _script = new();
    private readonly ConcurrentQueue<StubRequest> _received = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public StubServer()
    {
        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Endpoint { get; }

    /// <summary>Answer when the script is empty.</summary>
    public StubResponse Fallback { get; set; } = new(200);

    public IReadOnlyList<StubRequest> Received => [.. _received];

    public StubServer Then(StubResponse response)
    {
        _script.Enqueue(response);
        return this;
    }

    public StubServer Then(int status, string body, string contentType = "application/x-amz-json-1.0") =>
        Then(new StubResponse(status, body, contentType));

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync().ConfigureAwait(false);
            var headers = context.Request.Headers.AllKeys
                .Where(static k => k is not null)
                .ToDictionary(static k => k!.ToLowerInvariant(), k => context.Request.Headers[k] ?? "", StringComparer.Ordinal);
            _received.Enqueue(new StubRequest(context.Request.HttpMethod, context.Request.Url?.AbsolutePath ?? "/", headers, body));

            var answer = _script.TryDequeue(out var next) ? next : Fallback;
            if (answer.Hang)
            {
                await Task.Delay(Timeout.Infinite, _stop.Token).ConfigureAwait(false);
                return;
            }

            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = answer.ContentType;
            context.Response.Headers["x-amzn-RequestId"] = "stub-request-id";
            foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            var bytes = Encoding.UTF8.GetBytes(answer.Body);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            context.Response.Close();
        }
        catch (Exception) when (_stop.IsCancellationRequested || context.Response is null)
        {
        }
        catch (HttpListenerException)
        {
            // The client went away (a probe timing out): nothing to answer.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }

        _stop.Dispose();
    }
}

using System.Globalization;
using System.Net;
using System.Text;

namespace Wso2Serverless.Benchmarks;

/// <summary>
/// What the benches' Lambda Runtime APIs share: a loopback listener, the one event they hand out
/// with Lambda's invocation headers, and reading the function's answer (response, error or init
/// error). Subclasses decide how many events to serve and what to time.
/// </summary>
internal abstract class LoopbackRuntimeApi : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly byte[] _event;

    protected LoopbackRuntimeApi(string eventJson)
    {
        _event = Encoding.UTF8.GetBytes(eventJson);
        Port = Loopback.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
    }

    public int Port { get; }

    public void Dispose()
    {
        _listener.Close();
        GC.SuppressFinalize(this);
    }

    protected Task<HttpListenerContext> NextRequestAsync(CancellationToken cancellationToken) =>
        _listener.GetContextAsync().WaitAsync(cancellationToken);

    protected static bool IsNextPoll(HttpListenerContext context) =>
        context.Request.HttpMethod == "GET" && context.Request.Url!.AbsolutePath.EndsWith("/invocation/next", StringComparison.Ordinal);

    /// <summary>Lambda's invocation headers; the event itself follows with <see cref="SendEventAsync"/>.</summary>
    protected static void SetInvocationHeaders(HttpListenerContext context, string requestId, TimeSpan deadline, string traceId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = requestId;
        headers["Lambda-Runtime-Deadline-Ms"] = DateTimeOffset.UtcNow.Add(deadline).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:123456789012:function:bench";
        headers["Lambda-Runtime-Trace-Id"] = traceId;
        context.Response.ContentType = "application/json";
    }

    protected async Task SendEventAsync(HttpListenerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        // With a length the answer goes out in one piece; chunked, its last small write
        // waits behind TCP's delayed acknowledgement (40 ms) on a reused connection.
        context.Response.ContentLength64 = _event.Length;
        await context.Response.OutputStream.WriteAsync(_event, cancellationToken).ConfigureAwait(false);
        context.Response.Close();
    }

    /// <summary>The function's POST, acknowledged: "response", "error" or "init-error", and its body.</summary>
    protected static async Task<(string Kind, string Body)> ReceiveAnswerAsync(HttpListenerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Url!.AbsolutePath;
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        context.Response.StatusCode = 202;
        context.Response.Close();
        var kind = path.EndsWith("/response", StringComparison.Ordinal) ? "response"
            : path.EndsWith("/init/error", StringComparison.Ordinal) ? "init-error"
            : "error";
        return (kind, body);
    }

    protected static void NotFound(HttpListenerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = 404;
        context.Response.Close();
    }
}

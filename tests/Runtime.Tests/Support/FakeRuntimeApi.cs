using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Threading.Channels;

namespace Wso2Serverless.Runtime.Tests.Support;

/// <summary>
/// The Lambda Runtime API, served over real HTTP on a loopback port, so the tests drive the
/// real client and loop. Events are queued by the test; <c>next</c> blocks until one is queued,
/// as Lambda's does. Every POST is recorded for the test to read in order.
/// </summary>
internal sealed class FakeRuntimeApi : IAsyncDisposable
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    private readonly HttpListener listener;
    private readonly Channel<QueuedEvent> events = Channel.CreateUnbounded<QueuedEvent>();
    private readonly Channel<RecordedPost> posts = Channel.CreateUnbounded<RecordedPost>();
    private readonly CancellationTokenSource shutdown = new();
    private readonly Task serving;
    private int nextRequests;

    private FakeRuntimeApi(HttpListener listener, int port)
    {
        this.listener = listener;
        Port = port;
        serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>The value Lambda puts in AWS_LAMBDA_RUNTIME_API.</summary>
    public string HostAndPort => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public Uri BaseAddress => new($"http://{HostAndPort}/2018-06-01/");

    /// <summary>Status for invocation response POSTs (413 to play a response that is too large).</summary>
    public HttpStatusCode ResponseStatus { get; set; } = HttpStatusCode.Accepted;

    /// <summary>Status for <c>next</c> (500 to play a broken Runtime API).</summary>
    public HttpStatusCode NextStatus { get; set; } = HttpStatusCode.OK;

    public int NextRequests => Volatile.Read(ref nextRequests);

    public ConcurrentQueue<RecordedPost> AllPosts { get; } = new();

    public static FakeRuntimeApi Start()
    {
        var (listener, port) = Wso2Serverless.StandIns.Http.LoopbackHttpListener.Start();
        return new FakeRuntimeApi(listener, port);
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = Timeout.InfiniteTimeSpan };

    public void Enqueue(string requestId, string payload, DateTimeOffset? deadline = null, string? traceId = null,
        string functionArn = "arn:aws:lambda:eu-west-1:123456789012:function:test")
    {
        events.Writer.TryWrite(new QueuedEvent(requestId, Encoding.UTF8.GetBytes(payload), deadline, traceId, functionArn));
    }

    /// <summary>The next POST the runtime made (bounded wait: a hang fails the test instead of blocking it).</summary>
    public async Task<RecordedPost> NextPostAsync() =>
        await posts.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask()
            .WaitAsync(WaitLimit, TestContext.Current.CancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        await shutdown.CancelAsync().ConfigureAwait(false);
        listener.Close();
        try
        {
            await serving.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ObjectDisposedException or HttpListenerException or OperationCanceledException)
        {
            // Stopping the listener ends the accept loop this way.
        }

        shutdown.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!shutdown.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is ObjectDisposedException or HttpListenerException or InvalidOperationException)
            {
                return;
            }

            // One task per request: a pending next must not hold up the POSTs.
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            var request = context.Request;
            var path = request.Url!.AbsolutePath;
            if (request.HttpMethod == "GET" && path == "/2018-06-01/runtime/invocation/next")
            {
                Interlocked.Increment(ref nextRequests);
                if (NextStatus != HttpStatusCode.OK)
                {
                    context.Response.StatusCode = (int)NextStatus;
                    context.Response.Close();
                    return;
                }

                var next = await events.Reader.ReadAsync(shutdown.Token).ConfigureAwait(false);
                context.Response.Headers[RuntimeApiClient.RequestIdHeader] = next.RequestId;
                if (next.Deadline is { } deadline)
                {
                    context.Response.Headers[RuntimeApiClient.DeadlineHeader] = deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                }

                context.Response.Headers[RuntimeApiClient.FunctionArnHeader] = next.FunctionArn;
                if (next.TraceId is not null)
                {
                    context.Response.Headers[RuntimeApiClient.TraceIdHeader] = next.TraceId;
                }

                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(next.Payload, shutdown.Token).ConfigureAwait(false);
                context.Response.Close();
                return;
            }

            using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(shutdown.Token).ConfigureAwait(false);
            var post = new RecordedPost(request.HttpMethod, path, body, request.Headers[RuntimeApiClient.ErrorTypeHeader], request.ContentType);
            AllPosts.Enqueue(post);
            context.Response.StatusCode = path.EndsWith("/response", StringComparison.Ordinal) ? (int)ResponseStatus : (int)HttpStatusCode.Accepted;
            context.Response.Close();
            posts.Writer.TryWrite(post);
        }
        catch (Exception exception) when (exception is OperationCanceledException or HttpListenerException or ObjectDisposedException)
        {
            // The test is over or the client went away (a cancelled next).
        }
    }

    private sealed record QueuedEvent(string RequestId, byte[] Payload, DateTimeOffset? Deadline, string? TraceId, string FunctionArn);
}

internal sealed record RecordedPost(string Method, string Path, string Body, string? ErrorTypeHeader, string? ContentType);

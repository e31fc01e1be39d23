using System.Globalization;
using System.Net;
using System.Text;

namespace Wso2Serverless.Benchmarks;

/// <summary>
/// A Lambda Runtime API on a loopback port that hands out exactly one event and waits for the
/// function's answer to it, as Lambda does on a cold start. Further <c>/next</c> polls are left
/// unanswered, so the function idles exactly as it would between invocations.
/// </summary>
internal sealed class OneEventRuntimeApi : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly byte[] _event;

    public OneEventRuntimeApi(string eventJson)
    {
        _event = Encoding.UTF8.GetBytes(eventJson);
        Port = Loopback.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
    }

    public int Port { get; }

    /// <summary>The answer the function posted: its path kind and body.</summary>
    public sealed record Answer(string Kind, string Body);

    /// <summary>
    /// Serves the event and returns when the function posts its response (or an error);
    /// <paramref name="onFirstPoll"/> marks the end of the function's init (its first /next);
    /// <paramref name="onAnswer"/> runs before the POST is acknowledged, while the process is
    /// certainly alive, so that its memory can be read at that moment.
    /// </summary>
    public async Task<Answer> ServeAsync(Action onFirstPoll, Action onAnswer, TimeSpan timeout)
    {
        var served = false;
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            var context = await _listener.GetContextAsync().WaitAsync(cancel.Token).ConfigureAwait(false);
            var path = context.Request.Url!.AbsolutePath;
            if (context.Request.HttpMethod == "GET" && path.EndsWith("/invocation/next", StringComparison.Ordinal))
            {
                if (served)
                {
                    continue; // the second poll: never answered, the process is killed
                }

                served = true;
                onFirstPoll();
                var headers = context.Response.Headers;
                headers["Lambda-Runtime-Aws-Request-Id"] = "bench-request";
                headers["Lambda-Runtime-Deadline-Ms"] = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:123456789012:function:bench";
                headers["Lambda-Runtime-Trace-Id"] = "Root=1-00000000-000000000000000000000000";
                context.Response.ContentType = "application/json";
                // With a length the answer goes out in one piece; chunked, its last small write
                // waits behind TCP's delayed acknowledgement (40 ms) on a reused connection.
                context.Response.ContentLength64 = _event.Length;
                await context.Response.OutputStream.WriteAsync(_event, cancel.Token).ConfigureAwait(false);
                context.Response.Close();
                continue;
            }

            if (context.Request.HttpMethod == "POST")
            {
                onAnswer();
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync(cancel.Token).ConfigureAwait(false);
                context.Response.StatusCode = 202;
                context.Response.Close();
                var kind = path.EndsWith("/response", StringComparison.Ordinal) ? "response"
                    : path.EndsWith("/init/error", StringComparison.Ordinal) ? "init-error"
                    : "error";
                return new Answer(kind, body);
            }

            context.Response.StatusCode = 404;
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}

using System.Globalization;
using System.Net;
using System.Text;
using Wso2Serverless.StandIns.Scheduling;

namespace Wso2Serverless.Simulator.Hosting;

/// <summary>
/// The Lambda Invoke API on a loopback port (<c>POST /2015-03-31/functions/{name}/invocations</c>),
/// which is all Step Functions uses of Lambda. A function error answers 200 with
/// <c>X-Amz-Function-Error: Unhandled</c> and the error body, as Lambda does; an unknown function
/// answers 404 ResourceNotFoundException. Every request becomes a flow of the scheduler, ordered
/// by the runner's sequence number (X-Sim-Seq); the answer carries the virtual now (X-Sim-Now).
/// </summary>
public sealed class LambdaEndpoint : IAsyncDisposable
{
    private const string InvokePrefix = "/2015-03-31/functions/";
    private readonly HttpListener _listener;
    private readonly Task _loop;
    private readonly Scheduler _scheduler;
    private readonly RunnerHandshake _handshake;

    /// <summary>Listens at once; <see cref="Dispatcher"/> is set once the services exist (they need this endpoint's peers).</summary>
    public LambdaEndpoint(Scheduler scheduler, RunnerHandshake handshake)
    {
        _scheduler = scheduler;
        _handshake = handshake;
        (_listener, var port) = Wso2Serverless.StandIns.Http.LoopbackHttpListener.Start();
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri Endpoint { get; }

    public FunctionDispatcher? Dispatcher { get; set; }

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            _ = Task.Run(() => ReceiveAsync(context));
        }
    }

    /// <summary>Reads the request, then hands it to the scheduler; nothing runs until it is picked.</summary>
    private async Task ReceiveAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        try
        {
            await context.Request.InputStream.CopyToAsync(body).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            return; // the runner went away
        }

        var sequence = long.TryParse(context.Request.Headers["X-Sim-Seq"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var payload = body.ToArray();
        var path = context.Request.Url?.AbsolutePath ?? "";
        _scheduler.Post(WorkOrigin.Runner, sequence, $"lambda {path}", () => AnswerAsync(context, path, payload));
        _handshake.LambdaArrived();
    }

    private async Task AnswerAsync(HttpListenerContext context, string path, byte[] payload)
    {
        var response = context.Response;
        try
        {
            response.Headers["X-Sim-Now"] = _scheduler.Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            if (context.Request.HttpMethod != "POST" || !path.StartsWith(InvokePrefix, StringComparison.Ordinal) || !path.EndsWith("/invocations", StringComparison.Ordinal))
            {
                await WriteAsync(response, 404, """{"Type":"User","message":"Unsupported operation"}""", "ResourceNotFoundException").ConfigureAwait(false);
                return;
            }

            var name = Uri.UnescapeDataString(path[InvokePrefix.Length..^"/invocations".Length]);
            var handler = FunctionArns.HandlerOf(name);
            if (handler is null)
            {
                await WriteAsync(response, 404, $$"""{"Type":"User","message":"Function not found: {{name}}"}""", "ResourceNotFoundException").ConfigureAwait(false);
                return;
            }

            var caller = context.Request.Headers["X-Sim-State"] ?? "Lambda.Invoke";
            var execution = context.Request.Headers["X-Sim-Execution"];
            var dispatcher = Dispatcher ?? throw new InvalidOperationException("The Lambda endpoint has no dispatcher yet.");
            var result = await dispatcher.InvokeAsync(handler, payload, caller, execution).ConfigureAwait(false);
            if (result.ErrorType is not null)
            {
                response.Headers["X-Amz-Function-Error"] = "Unhandled";
            }

            response.StatusCode = 200;
            response.ContentType = "application/json";
            await response.OutputStream.WriteAsync(result.Payload).ConfigureAwait(false);
            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The caller went away (the runner shut down); nothing to answer.
        }
        finally
        {
            _handshake.LambdaAnswered();
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, string json, string errorType)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.Headers["x-amzn-ErrorType"] = errorType;
        await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(json)).ConfigureAwait(false);
        response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Close();
        await _loop.ConfigureAwait(false);
    }
}

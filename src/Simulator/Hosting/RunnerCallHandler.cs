using System.Globalization;
using Wso2Serverless.StandIns.Scheduling;

namespace Wso2Serverless.Simulator.Hosting;

/// <summary>
/// The transport under the real Step Functions client when it talks to the ASL runner's
/// callback API: each request carries the virtual now (X-Sim-Now), so the runner's clock agrees
/// with the functions'; it is counted for the quiescence handshake before it leaves; and the
/// calling flow parks on it like on any request.
/// </summary>
internal sealed class RunnerCallHandler(Scheduler scheduler, RunnerHandshake handshake) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Add("X-Sim-Now", scheduler.Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        handshake.CallbackSent();
        return scheduler.AwaitRequest(SendCountedAsync(request, cancellationToken), "callback");
    }

    private async Task<HttpResponseMessage> SendCountedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            handshake.CallbackNeverArrived(); // the runner never saw it: nothing to wait for
            throw;
        }
    }
}

using System.Globalization;
using Wso2Serverless.StandIns.Scheduling;

namespace Wso2Serverless.Simulator.Hosting;

/// <summary>
/// The transport under the real Step Functions client when it talks to the ASL runner's
/// callback API: each request carries the virtual now (X-Sim-Now), so the runner's clock agrees
/// with the functions', and each answer is counted for the quiescence handshake.
/// </summary>
internal sealed class RunnerCallHandler(Scheduler scheduler, RunnerHandshake handshake) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Add("X-Sim-Now", scheduler.Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        handshake.CallbackAnswered();
        return response;
    }
}

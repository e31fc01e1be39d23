using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Simulator.Hosting;
using Wso2Serverless.StandIns.ApiGateway;
using Wso2Serverless.StandIns.Scheduling;
using Wso2Serverless.StandIns.World;

namespace Wso2Serverless.Simulator.Serve;

/// <summary>
/// The orchestrator's HTTP API on loopback, as <c>sam local start-api</c> serves one: the API
/// Gateway stand-in (SigV4 checked, the routes serverless.template declares, payload 2.0 events)
/// in front of the real API function. Each request is posted to the world's scheduler as
/// external work and invoked there through the function dispatch, so the API's reads, writes and
/// StartExecution calls take their turn with the runs already going.
/// </summary>
public sealed class LocalApi : IAsyncDisposable
{
    /// <summary>The one caller the local API knows: moto's customary test keys.</summary>
    public static ApiPrincipal Principal { get; } = new("testing", "testing", SimulatedWorld.Account,
        $"arn:aws:iam::{SimulatedWorld.Account}:user/testing", "AIDASIMULATETESTING");

    private readonly TaskCompletionSource<ServeSession> _session = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HttpApiStandIn _standIn;
    private long _sequence;

    private LocalApi(int port, string serverlessTemplate, Action<ReceivedRequest, IntegrationResponse>? answered)
    {
        _standIn = HttpApiStandIn.Start(new HttpApiStandInOptions
        {
            Integration = InvokeAsync,
            Principals = [Principal],
            Routes = new HttpApiRoutes(SamHttpApiRoutes.Read(serverlessTemplate, HandlerNames.Api)),
            Region = SimulatedWorld.Region,
            Site = new HttpApiEvent.Site(SimulatedWorld.Account, "local"),
            Port = port,
            Answered = answered,
        });
    }

    /// <summary>The API's base URL.</summary>
    public Uri Endpoint => _standIn.Endpoint;

    /// <summary>Listens at once (a port in use fails here, before the world starts); requests wait for <see cref="Attach"/>.</summary>
    public static LocalApi Start(int port, string serverlessTemplate, Action<ReceivedRequest, IntegrationResponse>? answered = null) =>
        new(port, serverlessTemplate, answered);

    /// <summary>The world is up: requests go to it from now on.</summary>
    public void Attach(ServeSession session) => _session.TrySetResult(session);

    private async Task<ReadOnlyMemory<byte>> InvokeAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var session = await _session.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        var answer = new TaskCompletionSource<ReadOnlyMemory<byte>>(TaskCreationOptions.RunContinuationsAsynchronously);
        session.Scheduler.Post(WorkOrigin.External, Interlocked.Increment(ref _sequence), "API request", async () =>
        {
            var result = await session.Dispatcher.InvokeSynchronouslyAsync(HandlerNames.Api, payload, "API Gateway").ConfigureAwait(false);
            if (result.ErrorType is null)
            {
                answer.TrySetResult(result.Payload);
            }
            else
            {
                // API Gateway answers a function error with a bare 500.
                answer.TrySetException(new InvalidOperationException($"The API function failed with {result.ErrorType}."));
            }
        });
        return await answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _standIn.DisposeAsync();
}

using System.Net;
using System.Text;

namespace Wso2Serverless.StandIns.Http;

/// <summary>
/// "The request reached the service but the answer was lost": a matching request is sent on and
/// applied, then the caller gets a 500 instead of the answer, so the SDK retries a request that
/// already succeeded. Each match is lost once, up to <see cref="Remaining"/> times.
/// </summary>
public sealed class LostAnswerHandler(Func<string, string, bool> matches, int times = 1) : DelegatingHandler
{
    private int _remaining = times;

    /// <summary>How many more answers will be lost.</summary>
    public int Remaining => Math.Max(0, Volatile.Read(ref _remaining));

    /// <summary>The operations whose answer was lost, in order.</summary>
    public List<string> Lost { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var operation = AwsOperation.Of(request);
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!matches(operation, body) || Interlocked.Decrement(ref _remaining) < 0)
        {
            return response;
        }

        lock (Lost)
        {
            Lost.Add(operation);
        }

        response.Dispose();
        return new HttpResponseMessage(HttpStatusCode.InternalServerError)
        {
            RequestMessage = request,
            Content = new StringContent("{\"__type\":\"InternalServerError\",\"message\":\"answer lost (injected)\"}", Encoding.UTF8, "application/x-amz-json-1.0"),
        };
    }
}

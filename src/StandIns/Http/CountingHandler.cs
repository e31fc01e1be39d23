using System.Collections.Concurrent;

namespace Wso2Serverless.StandIns.Http;

/// <summary>
/// Counts the requests a real AWS client sends, by operation, retries included: the round trips
/// a handler costs, measured on the wire rather than assumed.
/// </summary>
public sealed class CountingHandler : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    public int Total => _calls.Values.Sum();

    public IReadOnlyDictionary<string, int> ByOperation => new Dictionary<string, int>(_calls, StringComparer.Ordinal);

    public void Reset() => _calls.Clear();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _calls.AddOrUpdate(AwsOperation.Of(request), 1, static (_, n) => n + 1);
        return base.SendAsync(request, cancellationToken);
    }
}

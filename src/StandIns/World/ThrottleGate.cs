using System.Collections.Concurrent;
using System.Net;
using Wso2Serverless.Aws.Http;

namespace Wso2Serverless.StandIns.World;

/// <summary>
/// Throttles the first N calls of an operation with the error our AWS clients raise for a
/// throttled request, so the code under test meets the same exception type it meets on AWS.
/// </summary>
public sealed class ThrottleGate(IReadOnlyDictionary<string, int> plan)
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private int _throttled;

    public int Throttled => _throttled;

    public void Enter(string service, string operation)
    {
        var call = _calls.AddOrUpdate(operation, 1, static (_, n) => n + 1);
        if (plan.TryGetValue(operation, out var limit) && call <= limit)
        {
            Interlocked.Increment(ref _throttled);
            var code = service == "cloudformation" ? "Throttling" : "ThrottlingException";
            throw new AwsServiceException(service, code, "Rate exceeded", Guid.NewGuid().ToString(), HttpStatusCode.BadRequest);
        }
    }
}

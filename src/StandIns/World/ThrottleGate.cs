using System.Collections.Concurrent;
using System.Net;
using Wso2Serverless.Aws.Http;
using Wso2Serverless.StandIns.Scheduling;

namespace Wso2Serverless.StandIns.World;

/// <summary>
/// Throttles the first N requests of an operation. The world stands in for the whole client, so
/// it also plays the client's own retries: on AWS a throttled request is retried inside the
/// SDK call (our CloudFormation client: <see cref="RetryOptions.MaxAttempts"/> attempts; the
/// AWSSDK SSM client: 3, its standard retry mode) and the code under test only sees the error,
/// of the type our AWS clients raise, when every attempt was throttled. The backoff between
/// attempts is milliseconds on AWS, nothing against simulated minutes, so it is not waited.
/// </summary>
public sealed class ThrottleGate(IReadOnlyDictionary<string, int> plan, SeededIds ids)
{
    private const int SsmClientAttempts = 3;

    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private int _throttled;
    private int _injected;

    /// <summary>Requests refused with a throttling error, whether the client's retries absorbed them or not.</summary>
    public int Throttled => _throttled;

    /// <summary>Chaos: what each call meets once the client's retries are spent; set once, before the run.</summary>
    public Func<string, string, WorldCallFault>? CallFaults { get; set; }

    /// <summary>Calls that failed with an injected 5xx, or whose answer was lost after they were applied.</summary>
    public int InjectedFailures => _injected;

    /// <summary>
    /// Lets a call in, or throws what its client would raise. True when the call is to be applied
    /// and its answer then lost: the caller applies it and throws <see cref="AnswerLost"/>.
    /// </summary>
    public bool Enter(string service, string operation)
    {
        Wso2Serverless.StandIns.Http.InvocationCrash.Count($"{service} {operation}");
        switch (CallFaults?.Invoke(service, operation) ?? WorldCallFault.None)
        {
            case WorldCallFault.Throttle:
                Interlocked.Increment(ref _throttled);
                throw new AwsServiceException(service, service == "cloudformation" ? "Throttling" : "ThrottlingException", "Rate exceeded", ids.NewGuid().ToString(), HttpStatusCode.BadRequest);
            case WorldCallFault.ServerError:
                throw AnswerLost(service);
            case WorldCallFault.LostAnswer:
                return true;
            default:
                EnterPlanned(service, operation);
                return false;
        }
    }

    /// <summary>The 5xx a caller sees for a failed call, or for one applied whose answer was lost.</summary>
    public AwsServiceException AnswerLost(string service)
    {
        Interlocked.Increment(ref _injected);
        return new AwsServiceException(service, "InternalFailure", "The request processing has failed because of an unknown error (injected)", ids.NewGuid().ToString(), HttpStatusCode.InternalServerError);
    }

    private void EnterPlanned(string service, string operation)
    {
        var attempts = service == "cloudformation" ? RetryOptions.Default.MaxAttempts : SsmClientAttempts;
        for (var attempt = 1; ; attempt++)
        {
            var call = _calls.AddOrUpdate(operation, 1, static (_, n) => n + 1);
            if (!plan.TryGetValue(operation, out var limit) || call > limit)
            {
                return;
            }

            Interlocked.Increment(ref _throttled);
            if (attempt >= attempts)
            {
                var code = service == "cloudformation" ? "Throttling" : "ThrottlingException";
                throw new AwsServiceException(service, code, "Rate exceeded", ids.NewGuid().ToString(), HttpStatusCode.BadRequest);
            }
        }
    }
}

using System.Text.Json;
using System.Net;
using Wso2Serverless.Aws.Http;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Events;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.StandIns.Http;
using Wso2Serverless.StandIns.Scheduling;
using Wso2Serverless.StandIns.World;

namespace Wso2Serverless.Simulator.Chaos;

/// <summary>
/// Puts one <see cref="ChaosPlan"/> into a run: decides, event by event, request by request and
/// invocation by invocation, where a fault strikes, and counts what it injected. Every draw comes
/// from the run's chaos stream in the scheduler's order, so a seed replays the same faults.
/// </summary>
public sealed partial class ChaosInjector(ChaosPlan plan, Random random) : IChaosHooks
{
    private static readonly HashSet<string> Writes = new(StringComparer.Ordinal)
    {
        "PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems", "BatchWriteItem", "StartExecution", "StopExecution",
    };

    private static readonly HashSet<string> WorldWrites = new(StringComparer.Ordinal) { "CreateStack", "DeleteStack", "SendCommand", "Publish" };

    private readonly object _gate = new();
    private readonly Dictionary<string, int> _counts = FaultKinds.All.ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
    private readonly List<InvocationCrash> _crashes = [];
    private readonly List<InvocationCrash> _publishers = [];
    private int _lostPublishes;

    public ChaosPlan Plan => plan;

    /// <summary>How many faults of each kind this run injected (crashes: the invocations that actually died).</summary>
    public IReadOnlyDictionary<string, int> Counts
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, int>(_counts, StringComparer.Ordinal)
                {
                    [FaultKinds.Crash] = _crashes.Count(c => c.Crashed),
                    [FaultKinds.EarlySignals] = plan.EarlySignals ? 1 : 0,
                };
            }
        }
    }

    /// <summary>The scenario's own faults with this plan's world faults on top.</summary>
    public WorldFaults Faults(WorldFaults scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var events = plan.Duplicates || plan.Delays || plan.LostEvents;
        var calls = plan.Throttling || plan.ServerErrors || plan.LostAnswers;
        return scenario with
        {
            Deliveries = events ? Deliver : null,
            CallFaults = calls ? WorldCall : null,
            PuppetMasterDuringCreate = plan.EarlySignals,
        };
    }

    public HttpMessageHandler DynamoDbHttp(HttpMessageHandler transport) =>
        new FaultInjectionHandler("dynamodb", Decide) { InnerHandler = transport };

    public HttpMessageHandler StepFunctionsHttp(HttpMessageHandler transport) =>
        new FaultInjectionHandler("states", Decide) { InnerHandler = transport };

    public INotifier Notifier(INotifier notifier) => new FaultyNotifier(notifier, this);

    /// <summary>
    /// Publishes whose outcome the publisher never learnt: its answer was lost, or its invocation
    /// died before marking the notification sent. SNS (standard topics) cannot tell a repeat, so
    /// each one allows one repeated notification: at least once, not exactly once.
    /// </summary>
    public int UnconfirmedPublishes
    {
        get
        {
            lock (_gate)
            {
                return _lostPublishes + _publishers.Count(c => c.Crashed);
            }
        }
    }

    public InvocationCrash? CrashPlan(string handler, string caller)
    {
        // Only what Lambda invokes again crashes (tasks under their Retry, EventBridge's async deliveries):
        // the API is invoked synchronously, and its caller sees the error instead.
        if (!plan.Crashes || handler == HandlerNames.Api)
        {
            return null;
        }

        lock (_gate)
        {
            if (random.NextDouble() >= 0.04)
            {
                return null;
            }

            var crash = new InvocationCrash(random.Next(1, 6));
            _crashes.Add(crash);
            return crash;
        }
    }

    private List<TimeSpan> Deliver(PublishedEvent published)
    {
        lock (_gate)
        {
            // Only the waits a reconcile can recover lose their events: stack and command status.
            if (plan.LostEvents && published.Source is EventSources.CloudFormation or EventSources.Ssm && random.NextDouble() < 0.08)
            {
                Count(FaultKinds.LostEvent);
                return [];
            }

            var copies = new List<TimeSpan> { Delay() };
            if (plan.Duplicates && random.NextDouble() < 0.25)
            {
                Count(FaultKinds.DuplicateEvent);
                copies.Add(Delay());
            }

            return copies;
        }
    }

    /// <summary>Minutes late, now and then: EventBridge's delivery is usually within a second, not always.</summary>
    private TimeSpan Delay()
    {
        if (!plan.Delays || random.NextDouble() >= 0.25)
        {
            return TimeSpan.Zero;
        }

        Count(FaultKinds.DelayedEvent);
        return TimeSpan.FromSeconds(random.Next(10, 300));
    }

    private WorldCallFault WorldCall(string service, string operation)
    {
        lock (_gate)
        {
            return Draw(random.NextDouble(), throttleBelow: 0.03, serverErrorBelow: 0.05, lostAnswerBelow: 0.12, WorldWrites.Contains(operation)) switch
            {
                HttpFault.Throttle => WorldCallFault.Throttle,
                HttpFault.ServerError => WorldCallFault.ServerError,
                HttpFault.LostAnswer => WorldCallFault.LostAnswer,
                _ => WorldCallFault.None,
            };
        }
    }

    /// <summary>One roll against three bands in a row: throttled, then a 5xx, then a lost answer (writes only); each counts when its kind is on.</summary>
    private HttpFault Draw(double roll, double throttleBelow, double serverErrorBelow, double lostAnswerBelow, bool write)
    {
        if (plan.Throttling && roll < throttleBelow)
        {
            Count(FaultKinds.Throttle);
            return HttpFault.Throttle;
        }

        if (plan.ServerErrors && roll >= throttleBelow && roll < serverErrorBelow)
        {
            Count(FaultKinds.ServerError);
            return HttpFault.ServerError;
        }

        if (plan.LostAnswers && write && roll >= serverErrorBelow && roll < lostAnswerBelow)
        {
            Count(FaultKinds.LostAnswer);
            return HttpFault.LostAnswer;
        }

        return HttpFault.None;
    }

    /// <summary>One HTTP attempt of the functions' DynamoDB or Step Functions client.</summary>
    private HttpFault Decide(string service, string operation)
    {
        lock (_gate)
        {
            var roll = random.NextDouble();
            if (operation.StartsWith("SendTask", StringComparison.Ordinal) && plan.SendTaskFailures)
            {
                var fault = roll switch
                {
                    < 0.06 => HttpFault.Throttle,
                    < 0.10 => HttpFault.ServerError,
                    < 0.20 => HttpFault.LostAnswer,
                    _ => HttpFault.None,
                };
                if (fault != HttpFault.None)
                {
                    Count(FaultKinds.SendTaskFailure);
                    return fault;
                }

                roll = random.NextDouble();
            }

            return Draw(roll, throttleBelow: 0.02, serverErrorBelow: 0.03, lostAnswerBelow: 0.07, Writes.Contains(operation));
        }
    }

    private void Count(string kind) => _counts[kind]++;

    /// <summary>SNS Publish with the plan's call faults: refused (nothing sent), or sent with its answer lost.</summary>
    private sealed class FaultyNotifier(INotifier inner, ChaosInjector owner) : INotifier
    {
        public async Task PublishAsync(string topicArn, string subject, string message, CancellationToken cancellationToken)
        {
            InvocationCrash.Count("sns Publish");
            var fault = owner.Plan.Throttling || owner.Plan.ServerErrors || owner.Plan.LostAnswers ? owner.WorldCall("sns", "Publish") : WorldCallFault.None;
            if (fault is WorldCallFault.Throttle or WorldCallFault.ServerError)
            {
                throw new AwsServiceException("sns", fault == WorldCallFault.Throttle ? "Throttling" : "InternalFailure", "injected", null, fault == WorldCallFault.Throttle ? HttpStatusCode.BadRequest : HttpStatusCode.InternalServerError);
            }

            await inner.PublishAsync(topicArn, subject, message, cancellationToken).ConfigureAwait(false);
            lock (owner._gate)
            {
                if (InvocationCrash.Current is { } crash)
                {
                    owner._publishers.Add(crash);
                }

                if (fault == WorldCallFault.LostAnswer)
                {
                    owner._lostPublishes++;
                }
            }

            if (fault == WorldCallFault.LostAnswer)
            {
                throw new AwsServiceException("sns", "InternalFailure", "answer lost after the message was published (injected)", null, HttpStatusCode.InternalServerError);
            }
        }
    }

    internal static int? StatusCodeOf(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.TryGetProperty("statusCode", out var code) && code.TryGetInt32(out var value) ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

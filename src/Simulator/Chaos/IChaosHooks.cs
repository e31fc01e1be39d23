using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Simulator.Hosting;
using Wso2Serverless.StandIns.Http;
using Wso2Serverless.StandIns.Scheduling;
using Wso2Serverless.StandIns.World;

namespace Wso2Serverless.Simulator.Chaos;

/// <summary>Where <see cref="Simulation"/> lets <c>--chaos</c> in: the functions' AWS pipelines, their invocations, and the run once started.</summary>
public interface IChaosHooks
{
    /// <summary>The transport of the functions' DynamoDB client (moto): the faults first, then <paramref name="transport"/> (counted, then the socket).</summary>
    HttpMessageHandler DynamoDbHttp(HttpMessageHandler transport);

    /// <summary>The transport of the functions' Step Functions client (SendTask*, StopExecution, DescribeExecution).</summary>
    HttpMessageHandler StepFunctionsHttp(HttpMessageHandler transport);

    /// <summary>SNS as the functions see it: the world's recording notifier, behind the chaos's faults.</summary>
    INotifier Notifier(INotifier notifier);

    /// <summary>The crash, if any, of an invocation of a handler (by name) from a caller.</summary>
    InvocationCrash? CrashPlan(string handler, string caller);

    /// <summary>Called once the executions are started, before the clock runs: spawn what happens to them from outside.</summary>
    void Started(ChaosStage stage);
}

/// <summary>What the chaos can reach once a run is under way.</summary>
public sealed record ChaosStage(VirtualClock Clock, FunctionDispatcher Dispatcher, IDeploymentStore Deployments, IReadOnlyList<string> Executions, Func<bool> AllEnded);

using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Functions.Hosting;

/// <summary>
/// Builds <see cref="FunctionServices"/> from the AWS adapters, as the Lambda bootstrap needs them.
/// Kept in one place so that tests and <c>simulate</c> can compose the same ports from stand-ins.
/// </summary>
public static class AwsComposition
{
    public static FunctionServices Create(OrchestratorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // TODO: wire the DynamoDB, SSM, CloudFormation, Step Functions, SNS and probe adapters as they land.
        return new FunctionServices
        {
            Settings = settings,
            Stacks = NotWired<IStackService>(),
            Commands = NotWired<ICommandService>(),
            Workflow = NotWired<IWorkflowService>(),
            Deployments = NotWired<IDeploymentStore>(),
            Locks = NotWired<ILockStore>(),
            Tokens = NotWired<ITokenStore>(),
            Environments = NotWired<IEnvironmentStore>(),
            Notifier = NotWired<INotifier>(),
            Probe = NotWired<IEndpointProbe>(),
            Clock = SystemClock.Instance,
        };
    }

    private static T NotWired<T>() => throw new NotImplementedException($"{typeof(T).Name} has no AWS adapter yet.");
}

using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// The tags that prove a stack is this orchestrator's to delete, checked before every delete
/// (RemoveOld, Teardown, the delete failure policy): the orchestrator's own tag
/// (<see cref="ResourceTags.Orchestrator"/>, set on every stack it creates), the environment's,
/// and for a run's own cleanup its deployment id. The stack role's IAM asks for the same
/// orchestrator tag, so a stack without it could not be deleted anyway.
/// </summary>
internal static class StackOwnership
{
    /// <summary>Why the stack must not be deleted; null when it is ours to delete.</summary>
    public static string? Problem(StackDescription stack, string environment, string orchestratorName, string? deploymentId = null)
    {
        ArgumentNullException.ThrowIfNull(stack);
        if (orchestratorName.Length > 0 && stack.Tags.GetValueOrDefault(ResourceTags.Orchestrator) != orchestratorName)
        {
            return stack.Tags.TryGetValue(ResourceTags.Orchestrator, out var other)
                ? $"Stack {stack.StackName} was created by orchestrator {other} ({ResourceTags.Orchestrator} tag), not {orchestratorName}; refusing to delete it"
                : $"Stack {stack.StackName} carries no {ResourceTags.Orchestrator} tag, so this orchestrator did not create it; refusing to delete it (choose another stack name)";
        }

        if (!stack.Tags.TryGetValue(ResourceTags.Environment, out var owner))
        {
            return $"Stack {stack.StackName} carries no {ResourceTags.Environment} tag, so nothing proves it belongs to environment {environment}; refusing to delete it (tag it {ResourceTags.Environment}={environment} if it is, or choose another stack name)";
        }

        if (owner != environment)
        {
            return $"Stack {stack.StackName} belongs to environment {owner} ({ResourceTags.Environment} tag), not {environment}; refusing to delete it";
        }

        return deploymentId is not null && stack.Tags.GetValueOrDefault(ResourceTags.DeploymentId) != deploymentId
            ? $"Stack {stack.StackName} was created by deployment {stack.Tags.GetValueOrDefault(ResourceTags.DeploymentId) ?? "unknown"}, not {deploymentId}; refusing to delete it"
            : null;
    }
}

using System.Text.Json.Nodes;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Signals;

namespace Wso2Serverless.StandIns.World;

/// <summary>
/// The Puppet Master's user data, as the orchestrator sees it: one PROGRESS signal per stage,
/// then READY; or FAILED naming the stage; or nothing at all when a scenario makes it hang.
/// Signals go through EventBridge's PutEvents, so they reach the router like any other event.
/// </summary>
internal sealed class PuppetMasterSimulation(SimulatedWorld world, StackState stack)
{
    public async Task RunAsync(CancellationToken ct)
    {
        if (world.FaultsOf(stack).PuppetMasterSilent)
        {
            return;
        }

        var deploymentId = stack.Parameters.TryGetValue("DeploymentId", out var id) ? id
            : stack.Tags.TryGetValue(ResourceTags.DeploymentId, out var tagged) ? tagged : stack.StackName;
        var due = world.Clock.UtcNow;
        foreach (var (stage, duration) in world.Timings.PuppetMasterStages)
        {
            due += duration;
            await world.Clock.DelayUntilAsync(due, ct).ConfigureAwait(false);
            lock (world.Gate)
            {
                if (stack.Status is not ("CREATE_COMPLETE" or "CREATE_IN_PROGRESS"))
                {
                    return; // the stack is going away: so is the instance
                }
            }

            if (stage == world.FaultsOf(stack).PuppetMasterFailsAtStage)
            {
                Signal(deploymentId, stage, PuppetMasterSignal.Failed, $"stage {stage} failed: exit 1 (puppet module install wso2-apim: Could not connect to forge.puppet.com)");
                return;
            }

            Signal(deploymentId, stage, PuppetMasterSignal.Progress, $"{stage} done");
        }

        Signal(deploymentId, "verify", PuppetMasterSignal.Ready, "Puppet server answers on 8140");
    }

    private void Signal(string deploymentId, string stage, string status, string message)
    {
        SimulatedInstance? instance;
        lock (world.Gate)
        {
            // Other stacks launch instances meanwhile; an unlocked scan could throw and end this process silently.
            instance = world.Instances.FirstOrDefault(i => i.StackId == stack.StackId && i.Role == AgentRoles.PuppetMaster);
        }

        var detail = new JsonObject
        {
            ["deploymentId"] = deploymentId,
            ["stage"] = stage,
            ["status"] = status,
            ["message"] = message,
        };
        IReadOnlyList<string> resources = instance is null ? [] : [$"arn:aws:ec2:{SimulatedWorld.Region}:{SimulatedWorld.Account}:instance/{instance.InstanceId}"];
        var environment = stack.Parameters.GetValueOrDefault("EnvironmentName") ?? stack.Tags.GetValueOrDefault(ResourceTags.Environment) ?? "unknown";
        world.Bus.Publish(PuppetMasterSignal.SourceFor(environment), PuppetMasterSignal.DetailType, resources, detail);
        if (world.Faults.PuppetMasterDuringCreate)
        {
            // Its PutEvents retried after a lost answer: the same signal again, under a new event id.
            world.Bus.Publish(PuppetMasterSignal.SourceFor(environment), PuppetMasterSignal.DetailType, resources, (JsonObject)detail.DeepClone());
        }
    }
}

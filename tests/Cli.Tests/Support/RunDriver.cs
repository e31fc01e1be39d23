using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Cli.Tests.Support;

/// <summary>
/// Plays a run's phases into the real store the way the workflow's tasks and the event router
/// write them: a phase starts Running, signals append sub-steps, agent commands report nodes,
/// the phase closes, and the record closes with the lock released.
/// </summary>
public sealed class RunDriver(IDeploymentStore deployments, ILockStore locks, string deploymentId)
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(120);

    public string DeploymentId => deploymentId;

    public async Task StartAsync(string phase)
    {
        await deployments.StartPhaseAsync(deploymentId, phase, DateTimeOffset.UtcNow, null, CancellationToken.None);
        await Task.Delay(Step);
    }

    public async Task SubStepAsync(string phase, string name, string status, string? message = null)
    {
        await deployments.AppendToPhaseAsync(deploymentId, phase, new PhaseAppend { SubSteps = [new SubStep(name, status, DateTimeOffset.UtcNow, message)] }, CancellationToken.None);
        await Task.Delay(Step);
    }

    public async Task EndAsync(string phase, PhaseStatus status, string? error = null, params InstanceResult[] instances)
    {
        await deployments.FinishPhaseAsync(new PhaseFinish { DeploymentId = deploymentId, Phase = phase, Status = status, EndedAt = DateTimeOffset.UtcNow, Error = error, Instances = instances }, CancellationToken.None);
        await Task.Delay(Step);
    }

    public async Task CloseAsync(DeploymentStatus status, string? failedPhase = null, string? reason = null)
    {
        var record = await deployments.GetAsync(deploymentId, CancellationToken.None) ?? throw new InvalidOperationException("no record");
        await deployments.CloseAsync(deploymentId, status, failedPhase, reason, DateTimeOffset.UtcNow, CancellationToken.None);
        await locks.ReleaseAsync(record.Environment, deploymentId, CancellationToken.None);
    }

    /// <summary>A whole happy run: every phase, the Puppet Master's stages, both agent roles with their nodes.</summary>
    public async Task SucceedAsync()
    {
        await RunAsync(PhaseNames.Accept);
        await RunAsync(PhaseNames.CreateStack);
        await StartAsync(PhaseNames.AwaitPuppetMaster);
        await SubStepAsync(PhaseNames.AwaitPuppetMaster, "modules", "PROGRESS", "modules installed");
        await SubStepAsync(PhaseNames.AwaitPuppetMaster, "verify", "READY", "Puppet server answers on 8140");
        await EndAsync(PhaseNames.AwaitPuppetMaster, PhaseStatus.Succeeded);
        await RunAsync(PhaseNames.RunDatabaseScripts);
        await RunAgentsAsync("apim", PhaseStatus.Succeeded, 0);
        await RunAgentsAsync("mi", PhaseStatus.Succeeded, 0);
        await RunAsync(PhaseNames.Verify);
        await RunAsync(PhaseNames.Complete);
        await CloseAsync(DeploymentStatus.Succeeded);
    }

    public async Task RunAsync(string phase)
    {
        await StartAsync(phase);
        await EndAsync(phase, PhaseStatus.Succeeded);
    }

    public async Task RunAgentsAsync(string role, PhaseStatus status, int exitCode)
    {
        var phase = PhaseNames.Agent(role);
        await StartAsync(phase);
        var node = new InstanceResult($"i-0{role}0001", status == PhaseStatus.Succeeded ? "Success" : "Failed", exitCode, exitCode == 0 ? "Notice: Applied catalog" : "Error: Could not retrieve catalog");
        await EndAsync(phase, status, status == PhaseStatus.Failed ? $"puppet agent exited {exitCode} on {node.InstanceId}" : null, node);
    }
}

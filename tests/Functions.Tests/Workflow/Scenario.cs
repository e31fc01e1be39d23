using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Signals;
using Wso2Serverless.Functions.Tests.Fakes;

namespace Wso2Serverless.Functions.Tests.Workflow;

/// <summary>
/// A fake world set up for one pattern-1 deployment that goes well unless a test says otherwise:
/// the nodes exist and are tagged, the stack completes, the Puppet Master reports progress then
/// READY, every command exits 0.
/// </summary>
internal sealed class Scenario
{
    public const string DeploymentId = "dep-0001";
    public const string Environment = "dev";
    public const string StackName = "wso2-dev";

    public const string Request = """
        {
          "environment": "dev",
          "stackName": "wso2-dev",
          "parameters": { "KeyPairName": "ops" },
          "secrets": { "DBPassword": "/wso2/dev/db-password" }
        }
        """;

    public static readonly IReadOnlyDictionary<string, string> Outputs = new Dictionary<string, string>
    {
        ["PublisherUrl"] = "https://wso2-dev-alb.example.test/publisher",
        ["MIHealthUrl"] = "https://wso2-dev-alb.example.test:9201/healthz",
        ["LoadBalancerDNSName"] = "wso2-dev-alb.example.test",
    };

    public Scenario(string deploymentId = DeploymentId, Hosting.OrchestratorSettings? settings = null)
    {
        World = new FakeWorld(settings);
        Driver = new WorkflowDriver(World);
        World.Stacks.TemplateSummary = new TemplateSummary(
        [
            new TemplateParameter("EnvironmentName", "String", null, false, [], null),
            new TemplateParameter("DeploymentId", "String", null, false, [], null),
            new TemplateParameter("KeyPairName", "String", null, false, [], null),
            new TemplateParameter("DBPasswordParameterName", "String", null, false, [], null),
            new TemplateParameter("PermissionsBoundaryArn", "String", "", false, [], null),
        ]);
        AddNode("i-pm", AgentRoles.PuppetMaster, deploymentId);
        AddNode("i-apim-1", AgentRoles.ApiManager, deploymentId);
        AddNode("i-apim-2", AgentRoles.ApiManager, deploymentId);
        AddNode("i-mi-1", AgentRoles.MicroIntegrator, deploymentId);

        Driver.OnWait[PhaseNames.RemoveOld] = c => { c.World.Stacks.CompleteDelete(c.World.Stacks.Stacks.Last(s => s.Status == "DELETE_IN_PROGRESS").StackId); return Task.CompletedTask; };
        Driver.OnWait[PhaseNames.CreateStack] = c => { c.World.Stacks.CompleteCreate(c.StackId, Outputs); return Task.CompletedTask; };
        Driver.OnWait[PhaseNames.AwaitPuppetMaster] = async c =>
        {
            await c.Driver.SignalAsync(c.Deployment.DeploymentId, "modules", PuppetMasterSignal.Progress, "modules installed");
            await c.Driver.SignalAsync(c.Deployment.DeploymentId, "serving", PuppetMasterSignal.Ready);
        };
        Driver.OnWait[PhaseNames.RunDatabaseScripts] = c => { c.World.Commands.Finish(c.CommandId(AgentRoles.PuppetMaster), 0, "schemas created\nOK"); return Task.CompletedTask; };
        Driver.OnWait[PhaseNames.Agent(AgentRoles.ApiManager)] = c => { c.World.Commands.Finish(c.CommandId(AgentRoles.ApiManager), 0, "Notice: Applied catalog"); return Task.CompletedTask; };
        Driver.OnWait[PhaseNames.Agent(AgentRoles.MicroIntegrator)] = c => { c.World.Commands.Finish(c.CommandId(AgentRoles.MicroIntegrator), 0, "Notice: Applied catalog"); return Task.CompletedTask; };
    }

    public FakeWorld World { get; }

    public WorkflowDriver Driver { get; }

    public Task<ExecutionResult> RunAsync(string request = Request, string executionName = DeploymentId) => Driver.RunAsync(request, executionName);

    public PhaseRecord? Phase(string phase, string deploymentId = DeploymentId) => World.Deployments.Phase(deploymentId, phase);

    public DeploymentRecord? Record(string deploymentId = DeploymentId) => World.Deployments.Record(deploymentId);

    public LockInfo? Lock => World.Locks.Holder(Environment);

    private void AddNode(string instanceId, string role, string deploymentId) =>
        World.Commands.AddInstance(instanceId, new Dictionary<string, string>
        {
            [ResourceTags.Environment] = Environment,
            [ResourceTags.DeploymentId] = deploymentId,
            [ResourceTags.Role] = role,
        });
}

using Wso2Serverless.Runtime;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Functions.Hosting;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// Runs the Puppet agent document on one role's nodes (one Map iteration of RunPuppetAgents)
/// and waits for the command's status event. The role's maxConcurrency bounds how many nodes run
/// at once; MaxErrors 0 stops the rest of the role at its first failing node.
/// </summary>
public sealed class RunPuppetAgentFunction(FunctionServices services)
{
    public Task<WaitTaskResult> HandleAsync(WaitTaskRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var d = request.Deployment;
        var agent = request.Agent ?? throw new FunctionException(Domain.Workflow.WorkflowErrors.InvalidInput, "run-puppet-agent needs the agent (role) to run");
        var phase = PhaseNames.Agent(agent.Role);
        var input = new SendCommandInput
        {
            DocumentName = services.Settings.AgentDocumentName,
            // The environment too: SSM may send only to instances tagged with one (IAM), and these are this environment's.
            TargetTags = new Dictionary<string, string>
            {
                [ResourceTags.Environment] = d.Environment,
                [ResourceTags.DeploymentId] = d.DeploymentId,
                [ResourceTags.Role] = agent.Role,
            },
            Parameters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
            {
                ["Role"] = [agent.Role],
                ["TimeoutSeconds"] = CommandWait.Value(d.Timeouts.AgentSeconds),
            },
            MaxConcurrency = agent.MaxConcurrency,
            MaxErrors = "0",
            TimeoutSeconds = d.Timeouts.AgentSeconds,
            Comment = CommandComments.For(d.DeploymentId, phase, CommandWait.Attempt),
        };
        return new CommandWait(services).RunAsync(request, phase, agent.Role, input, cancellationToken);
    }
}

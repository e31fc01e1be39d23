using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Functions.Hosting;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// Runs the database scripts document on the Puppet Master (targeted by this deployment's tags)
/// and waits for the command's status event. The document gets the NAME of the password's SSM
/// parameter and reads the value on the instance, so the password is in no command line.
/// </summary>
public sealed class RunDatabaseScriptsFunction(FunctionServices services)
{
    public Task<WaitTaskResult> HandleAsync(WaitTaskRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var d = request.Deployment;
        const string phase = PhaseNames.RunDatabaseScripts;
        var parameters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["TimeoutSeconds"] = CommandWait.Value(d.Timeouts.DatabaseScriptsSeconds),
        };
        if (d.Parameters.TryGetValue("DBPasswordParameterName", out var passwordName))
        {
            parameters["DBPasswordParameterName"] = [passwordName];
        }

        var input = new SendCommandInput
        {
            DocumentName = services.Settings.DatabaseDocumentName,
            // The environment too: SSM may send only to instances tagged with one (IAM), and these are this environment's.
            TargetTags = new Dictionary<string, string>
            {
                [ResourceTags.Environment] = d.Environment,
                [ResourceTags.DeploymentId] = d.DeploymentId,
                [ResourceTags.Role] = AgentRoles.PuppetMaster,
            },
            Parameters = parameters,
            MaxConcurrency = "1",
            MaxErrors = "0",
            TimeoutSeconds = d.Timeouts.DatabaseScriptsSeconds,
            Comment = CommandComments.For(d.DeploymentId, phase, CommandWait.Attempt),
        };
        return new CommandWait(services).RunAsync(request, phase, AgentRoles.PuppetMaster, input, cancellationToken);
    }
}

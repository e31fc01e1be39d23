using Wso2Serverless.Runtime;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Workflow;
using Wso2Serverless.Functions.Hosting;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// Sends a phase attempt's SSM command exactly once, however often the task runs: the store's
/// claim picks one sender; a caller that finds the claim in flight looks for the command by its
/// comment before concluding the claimer died without sending.
/// </summary>
internal sealed class CommandLauncher(FunctionServices services)
{
    /// <summary>After this, an in-flight claim with no command behind it is taken as abandoned.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    /// <summary>The command id, and whether this call sent it.</summary>
    public async Task<(string CommandId, bool Sent)> EnsureSentAsync(string deploymentId, string phase, int attempt, SendCommandInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var claim = await services.Deployments.ClaimCommandAsync(deploymentId, phase, attempt, services.Clock.UtcNow, ct).ConfigureAwait(false);
        switch (claim.Status)
        {
            case CommandClaimStatus.AlreadySent when claim.CommandId is not null:
                return (claim.CommandId, false);
            case CommandClaimStatus.InFlight or CommandClaimStatus.AlreadySent:
                var found = await services.Commands.FindCommandByCommentAsync(input.Comment, ct).ConfigureAwait(false);
                if (found is not null)
                {
                    await services.Deployments.RecordCommandAsync(deploymentId, phase, attempt, found, ct).ConfigureAwait(false);
                    return (found, false);
                }

                if (claim.ClaimedAt is { } at && services.Clock.UtcNow - at < AbandonedAfter)
                {
                    // The other sender may still be sending: fail this invocation so the state
                    // machine's retry comes back once it has recorded the id.
                    throw new FunctionException("Wso2.CommandInFlight", $"The {phase} command of deployment {deploymentId} is being sent by another invocation");
                }

                break;
        }

        var commandId = await services.Commands.SendCommandAsync(input, ct).ConfigureAwait(false);
        await services.Deployments.RecordCommandAsync(deploymentId, phase, attempt, commandId, ct).ConfigureAwait(false);
        return (commandId, true);
    }
}

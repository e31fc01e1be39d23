using Wso2Serverless.Runtime;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Functions.Hosting;

namespace Wso2Serverless.Functions.Tasks;

/// <summary>
/// Sends a phase attempt's SSM command exactly once, however often the task runs. The store's
/// claim picks one sender. SendCommand is not idempotent and can succeed while its answer is
/// lost, so a send that fails is followed by a lookup of the command by its comment: found, it is
/// recorded; not found, the claim is released and the error goes back to the state's Retry, whose
/// next attempt claims again and looks first. A claim in flight is another sender's; after
/// <see cref="AbandonedAfter"/> without a command it is taken over.
/// </summary>
internal sealed class CommandLauncher(FunctionServices services)
{
    /// <summary>The error the state's Retry waits out while another invocation sends.</summary>
    public const string CommandInFlight = "Wso2.CommandInFlight";

    /// <summary>After this, an in-flight claim with no command behind it is taken as abandoned.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    /// <summary>How far before its claim a command is looked for: clocks of SSM and Lambda differ a little.</summary>
    public static readonly TimeSpan LookupMargin = TimeSpan.FromMinutes(5);

    /// <summary>The command id, and whether this call sent it.</summary>
    public async Task<(string CommandId, bool Sent)> EnsureSentAsync(string deploymentId, string phase, int attempt, SendCommandInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var store = services.Deployments;
        var claim = await store.ClaimCommandAsync(deploymentId, phase, attempt, services.Clock.UtcNow, ct).ConfigureAwait(false);
        if (claim is { Status: CommandClaimStatus.AlreadySent, CommandId: { } sentId })
        {
            return (sentId, false);
        }

        if (claim.Status != CommandClaimStatus.Claimed)
        {
            // Another invocation holds the claim: it may have sent and not yet recorded the id.
            if (await FindAsync(input, claim, ct).ConfigureAwait(false) is { } found)
            {
                await store.RecordCommandAsync(deploymentId, phase, attempt, found, ct).ConfigureAwait(false);
                return (found, false);
            }

            if (claim.ClaimedAt is { } at && services.Clock.UtcNow - at < AbandonedAfter)
            {
                // The other sender may still be sending: fail this invocation so the state
                // machine's retry comes back once it has recorded the id.
                throw new FunctionException(CommandInFlight, $"The {phase} command of deployment {deploymentId} is being sent by another invocation");
            }

            claim = await store.TakeOverCommandAsync(deploymentId, phase, attempt, claim.ClaimId ?? "", services.Clock.UtcNow, ct).ConfigureAwait(false);
            if (claim.Status != CommandClaimStatus.Claimed)
            {
                return claim.CommandId is { } recorded
                    ? (recorded, false)
                    : throw new FunctionException(CommandInFlight, $"The {phase} command of deployment {deploymentId} was taken over by another invocation");
            }
        }
        else if (claim.LookUpFirst && await FindAsync(input, claim, ct).ConfigureAwait(false) is { } earlier)
        {
            // An earlier send of this attempt failed, yet its command went out.
            await store.RecordCommandAsync(deploymentId, phase, attempt, earlier, ct).ConfigureAwait(false);
            return (earlier, false);
        }

        var commandId = await SendOrFindAsync(deploymentId, phase, attempt, input, claim, ct).ConfigureAwait(false);
        await store.RecordCommandAsync(deploymentId, phase, attempt, commandId, ct).ConfigureAwait(false);
        return (commandId, true);
    }

    private async Task<string> SendOrFindAsync(string deploymentId, string phase, int attempt, SendCommandInput input, CommandClaim claim, CancellationToken ct)
    {
        try
        {
            return await services.Commands.SendCommandAsync(input, ct).ConfigureAwait(false);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // The request may have reached SSM although its answer did not reach us.
            if (await FindAsync(input, claim, ct).ConfigureAwait(false) is { } found)
            {
                return found;
            }

            // Not sent (as far as SSM shows yet): give the claim back for the Retry, which looks again first.
            await services.Deployments.ReleaseCommandAsync(deploymentId, phase, attempt, claim.ClaimId ?? "", services.Clock.UtcNow, ct).ConfigureAwait(false);
            throw;
        }
    }

    private Task<string?> FindAsync(SendCommandInput input, CommandClaim claim, CancellationToken ct) =>
        services.Commands.FindCommandByCommentAsync(input.Comment, input.DocumentName, (claim.ClaimedAt ?? services.Clock.UtcNow) - LookupMargin, ct);
}

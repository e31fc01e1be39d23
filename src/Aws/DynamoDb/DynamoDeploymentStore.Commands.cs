using Wso2Serverless.Aws.DynamoDb.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Aws.DynamoDb;

/// <summary>
/// Command claims (<c>CMD#phase#attempt</c>): one sender per phase attempt. A claim names its
/// holder (<c>claimId</c>); a failed send releases it (<c>releasedAt</c>) so the state's retry can
/// claim again, and whoever claims a released or abandoned claim looks the command up first,
/// because a send can succeed while its answer is lost.
/// </summary>
public sealed partial class DynamoDeploymentStore
{
    private const string ClaimIdAttribute = "claimId";
    private const string ReleasedAtAttribute = "releasedAt";
    private const string CommandIdAttribute = "commandId";

    public async Task<CommandClaim> ClaimCommandAsync(string deploymentId, string phase, int attempt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claimId = WriteIds.New();
        var item = new Dictionary<string, AttributeValue>(CommandKey(deploymentId, phase, attempt), StringComparer.Ordinal)
        {
            ["type"] = Attr.S("command"),
            ["deploymentId"] = Attr.S(deploymentId),
            ["phase"] = Attr.S(phase),
            ["attempt"] = Attr.N(attempt),
            ["claimedAt"] = Attr.Time(now),
            [ClaimIdAttribute] = Attr.S(claimId),
            [PhaseTable.TimeToLive] = Attr.N(Attr.EpochSeconds(now + options.RecordRetention)),
        };
        try
        {
            var response = await client.PutItemAsync(new PutItemRequest
            {
                TableName = options.TableName,
                Item = item,
                ConditionExpression = $"attribute_not_exists({PhaseTable.PartitionKey}) OR (attribute_exists({ReleasedAtAttribute}) AND attribute_not_exists({CommandIdAttribute}))",
                ReturnValues = ReturnValue.ALL_OLD,
                ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            }, cancellationToken).ConfigureAwait(false);
            // Claiming a released claim: its send failed, and may still have gone out.
            return Claimed(claimId, now, lookUpFirst: response.Attributes is { Count: > 0 });
        }
        catch (ConditionalCheckFailedException failure)
        {
            var seen = WriteIds.Seen(failure);
            // Our own claim whose answer was lost: it may have replaced a released one, so look first.
            return seen.GetS(ClaimIdAttribute) == claimId ? Claimed(claimId, now, lookUpFirst: true) : ClaimOf(seen);
        }
    }

    public async Task ReleaseCommandAsync(string deploymentId, string phase, int attempt, string claimId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var update = new UpdateBuilder().Set(ReleasedAtAttribute, Attr.Time(now));
        // Only the holder releases, and never a claim whose command is recorded. Idempotent: a
        // retried release passes the same condition.
        var condition = $"{update.Name(ClaimIdAttribute)} = {update.Value(Attr.S(claimId))} AND attribute_not_exists({update.Name(CommandIdAttribute)})";
        try
        {
            await client.UpdateItemAsync(update.ToRequest(options.TableName, CommandKey(deploymentId, phase, attempt), condition), cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Taken over or recorded meanwhile: nothing of ours to give back.
        }
    }

    public async Task<CommandClaim> TakeOverCommandAsync(string deploymentId, string phase, int attempt, string staleClaimId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claimId = WriteIds.New();
        var update = new UpdateBuilder()
            .Set(ClaimIdAttribute, Attr.S(claimId))
            .Set("claimedAt", Attr.Time(now))
            .Remove(ReleasedAtAttribute);
        var condition = $"{update.Name(ClaimIdAttribute)} = {update.Value(Attr.S(staleClaimId))} AND attribute_not_exists({update.Name(CommandIdAttribute)})";
        var request = update.ToRequest(options.TableName, CommandKey(deploymentId, phase, attempt), condition);
        request.ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD;
        try
        {
            await client.UpdateItemAsync(request, cancellationToken).ConfigureAwait(false);
            return Claimed(claimId, now, lookUpFirst: true);
        }
        catch (ConditionalCheckFailedException failure)
        {
            var seen = WriteIds.Seen(failure);
            return seen.GetS(ClaimIdAttribute) == claimId ? Claimed(claimId, now, lookUpFirst: true) : ClaimOf(seen);
        }
    }

    public async Task RecordCommandAsync(string deploymentId, string phase, int attempt, string commandId, CancellationToken cancellationToken)
    {
        var update = new UpdateBuilder().Set(CommandIdAttribute, Attr.S(commandId));
        var name = update.Name(CommandIdAttribute);
        // The first id recorded stands: a second recorder of the same attempt must not redirect
        // waiters to a command that is not the one the claim stands for. Idempotent on retry.
        var condition = $"attribute_not_exists({name}) OR {name} = {update.Value(Attr.S(commandId))}";
        try
        {
            await client.UpdateItemAsync(update.ToRequest(options.TableName, CommandKey(deploymentId, phase, attempt), condition), cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Another id was recorded first; it stands.
        }
    }

    private static CommandClaim Claimed(string claimId, DateTimeOffset now, bool lookUpFirst) =>
        new(CommandClaimStatus.Claimed, null, now) { ClaimId = claimId, LookUpFirst = lookUpFirst };

    /// <summary>Someone else's claim, as the failed condition saw it.</summary>
    private static CommandClaim ClaimOf(Dictionary<string, AttributeValue>? seen)
    {
        var commandId = seen.GetS(CommandIdAttribute);
        return new CommandClaim(commandId is null ? CommandClaimStatus.InFlight : CommandClaimStatus.AlreadySent, commandId, seen.GetTime("claimedAt"))
        {
            ClaimId = seen.GetS(ClaimIdAttribute),
        };
    }

    private static Dictionary<string, AttributeValue> CommandKey(string deploymentId, string phase, int attempt) =>
        Attr.Key(PhaseTable.DeploymentKey(deploymentId), PhaseTable.CommandKey(phase, attempt));
}

using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Aws.DynamoDb;

/// <summary>
/// Task tokens and early outcomes by correlation key. Token and outcome live in one item
/// (<c>TOKEN#key</c>) and each half is written with UpdateItem returning ALL_NEW: DynamoDB
/// applies writes to one item one at a time, so whichever half lands second always sees the first.
/// </summary>
public sealed class DynamoTokenStore(IAmazonDynamoDB client, PhaseStoreOptions options) : ITokenStore
{
    public async Task<CallbackOutcome?> RegisterAsync(string correlationKey, PendingToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        // A re-wait on the same key replaces the token: the old one's task has timed out.
        var update = new UpdateBuilder()
            .Set("type", Attr.S("token"))
            .Set("correlationKey", Attr.S(correlationKey))
            .Set("taskToken", Attr.S(token.TaskToken))
            .Set("deploymentId", Attr.S(token.DeploymentId))
            .Set("phase", Attr.S(token.Phase))
            .Set("registeredAt", Attr.Time(token.RegisteredAt))
            .Set(PhaseTable.TimeToLive, Attr.N(Attr.EpochSeconds(token.RegisteredAt + options.TokenRetention)));
        var request = update.ToRequest(options.TableName, Key(correlationKey));
        request.ReturnValues = ReturnValue.ALL_NEW;
        var response = await client.UpdateItemAsync(request, cancellationToken).ConfigureAwait(false);
        return ReadOutcome(response.Attributes);
    }

    public async Task<PendingToken?> RecordOutcomeAsync(string correlationKey, CallbackOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var update = new UpdateBuilder()
            .Set("type", Attr.S("token"))
            .Set("correlationKey", Attr.S(correlationKey))
            // The first final outcome stands: a duplicate or late event must not flip it.
            .SetIfMissing("outcome", OutcomeValue(outcome, now))
            .Set(PhaseTable.TimeToLive, Attr.N(Attr.EpochSeconds(now + options.TokenRetention)));
        var request = update.ToRequest(options.TableName, Key(correlationKey));
        request.ReturnValues = ReturnValue.ALL_NEW;
        var response = await client.UpdateItemAsync(request, cancellationToken).ConfigureAwait(false);
        return ReadToken(response.Attributes);
    }

    public async Task<PendingToken?> GetAsync(string correlationKey, CancellationToken cancellationToken) =>
        ReadToken(await client.GetItemAsync(options.TableName, PhaseTable.TokenKey(correlationKey), PhaseTable.TokenSort, cancellationToken).ConfigureAwait(false));

    public async Task<bool> ClaimAsync(string correlationKey, string taskToken, CancellationToken cancellationToken)
    {
        // A set of claimed tokens, not a single attribute: after a re-wait both the old and the
        // new token may be claimed once each, in any order.
        try
        {
            await client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = options.TableName,
                Key = Key(correlationKey),
                UpdateExpression = "ADD claimedTokens :set",
                ConditionExpression = "attribute_exists(PK) AND NOT contains(claimedTokens, :token)",
                ExpressionAttributeValues = new(StringComparer.Ordinal)
                {
                    [":set"] = new AttributeValue { SS = [taskToken] },
                    [":token"] = Attr.S(taskToken),
                },
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private static Dictionary<string, AttributeValue> Key(string correlationKey) =>
        Attr.Key(PhaseTable.TokenKey(correlationKey), PhaseTable.TokenSort);

    private static AttributeValue OutcomeValue(CallbackOutcome outcome, DateTimeOffset now)
    {
        var map = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            ["succeeded"] = Attr.Bool(outcome.Succeeded),
            ["recordedAt"] = Attr.Time(now),
        };
        if (outcome.OutputJson is not null)
        {
            map["outputJson"] = Attr.S(outcome.OutputJson);
        }

        if (outcome.Error is not null)
        {
            map["error"] = Attr.S(outcome.Error);
        }

        if (outcome.Cause is not null)
        {
            map["cause"] = Attr.S(ItemLimits.Cap(outcome.Cause, ItemLimits.ReasonChars)!);
        }

        return Attr.Map(map);
    }

    private static CallbackOutcome? ReadOutcome(Dictionary<string, AttributeValue>? item) =>
        item.GetM("outcome") is { } m
            ? new CallbackOutcome(m.GetBool("succeeded"), m.GetS("outputJson"), m.GetS("error"), m.GetS("cause"))
            : null;

    private static PendingToken? ReadToken(Dictionary<string, AttributeValue>? item) =>
        item.GetS("taskToken") is { } token
            ? new PendingToken(token, item!.RequireS("deploymentId"), item!.RequireS("phase"), Attr.ParseIso(item!.RequireS("registeredAt")))
            : null;
}

using Wso2Serverless.Aws.DynamoDb.Model;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Aws.DynamoDb;

/// <summary>
/// Task tokens and early outcomes by correlation key. Token and outcome live in one item
/// (<c>TOKEN#key</c>) and each half is written with UpdateItem returning ALL_NEW: DynamoDB
/// applies writes to one item one at a time, so whichever half lands second always sees the first.
/// Progress steps that came before their phase started wait here too (<c>heldSteps</c>).
/// </summary>
public sealed class DynamoTokenStore(DynamoDbClient client, PhaseStoreOptions options) : ITokenStore
{
    private const string HeldStepsAttribute = "heldSteps";
    private const string HeldKeysAttribute = "heldKeys";

    public async Task<TokenRegistration> RegisterAsync(string correlationKey, PendingToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        // A re-wait on the same key replaces the token: the old one's task has timed out.
        // Unconditional and idempotent: a retried attempt writes the same values.
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
        return new TokenRegistration(ReadOutcome(response.Attributes), ReadHeldSteps(response.Attributes));
    }

    public async Task<RecordedOutcome?> RecordOutcomeAsync(string correlationKey, CallbackOutcome outcome, DateTimeOffset now, bool onlyIfAwaited, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var update = new UpdateBuilder()
            .Set("type", Attr.S("token"))
            .Set("correlationKey", Attr.S(correlationKey))
            // The first final outcome stands: a duplicate or late event must not flip it.
            // Idempotent, so a retried attempt after a lost answer changes nothing.
            .SetIfMissing("outcome", OutcomeValue(outcome, now))
            .Set(PhaseTable.TimeToLive, Attr.N(Attr.EpochSeconds(now + options.TokenRetention)));
        // One round trip for the awaited event: record the outcome and learn the token together.
        var request = update.ToRequest(options.TableName, Key(correlationKey), onlyIfAwaited ? $"attribute_exists({update.Name("taskToken")})" : null);
        request.ReturnValues = ReturnValue.ALL_NEW;
        try
        {
            var response = await client.UpdateItemAsync(request, cancellationToken).ConfigureAwait(false);
            return new RecordedOutcome(ReadToken(response.Attributes), ReadOutcome(response.Attributes) ?? outcome);
        }
        catch (ConditionalCheckFailedException) when (onlyIfAwaited)
        {
            return null; // no task waits: nothing written
        }
    }

    public async Task<PendingToken?> GetAsync(string correlationKey, CancellationToken cancellationToken) =>
        ReadToken(await client.GetItemAsync(options.TableName, PhaseTable.TokenKey(correlationKey), PhaseTable.TokenSort, cancellationToken).ConfigureAwait(false));

    public async Task HoldStepAsync(string correlationKey, SubStep step, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var stepKey = PhaseItem.StepKey(step);
        var update = new UpdateBuilder()
            .Set("type", Attr.S("token"))
            .Set("correlationKey", Attr.S(correlationKey))
            .SetIfMissing(PhaseTable.TimeToLive, Attr.N(Attr.EpochSeconds(now + options.TokenRetention)))
            .AddToSet(HeldKeysAttribute, new AttributeValue { SS = [stepKey] });
        var list = update.Name(HeldStepsAttribute);
        update.SetRaw($"{list} = list_append(if_not_exists({list}, {update.Value(Attr.List([]))}), {update.Value(Attr.List([PhaseItem.SubStepValue(step)]))})");
        // Once per step (a redelivery, or our own retried attempt, finds its key), and capped.
        var condition = $"NOT contains({update.Name(HeldKeysAttribute)}, {update.Value(Attr.S(stepKey))}) AND (attribute_not_exists({list}) OR size({list}) < {update.Value(Attr.N(ItemLimits.MaxSubSteps))})";
        try
        {
            await client.UpdateItemAsync(update.ToRequest(options.TableName, Key(correlationKey), condition), cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Held already, or the list is full.
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

    private static List<SubStep> ReadHeldSteps(Dictionary<string, AttributeValue>? item) =>
        item.GetL(HeldStepsAttribute)?.Where(v => v.M is not null).Select(v => PhaseItem.ReadSubStep(v.M!)).ToList() ?? [];
}

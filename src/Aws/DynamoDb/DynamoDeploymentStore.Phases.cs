using Wso2Serverless.Aws.DynamoDb.Model;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Aws.DynamoDb;

/// <summary>
/// Phase writes. None reads an item and writes it back: each is one conditional write that says
/// what it changes. The task opens and closes its phase; events only append to a Running phase.
/// A closed phase is never written again (condition <c>status = Running</c>), and every write
/// recognises its own earlier attempt when the answer was lost (<see cref="WriteIds"/>).
/// </summary>
public sealed partial class DynamoDeploymentStore
{
    private const string SubStepsAttribute = "subSteps";
    private const string StepKeysAttribute = "stepKeys";
    private const string DetailAttribute = "detail";

    public async Task PutPhaseAsync(PhaseRecord phase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phase);
        var update = new UpdateBuilder();
        foreach (var (name, value) in PhaseItem.ToAttributes(phase))
        {
            update.Set(name, value);
        }

        update.Set(PhaseTable.TimeToLive, Attr.N(Attr.EpochSeconds(phase.StartedAt + options.RecordRetention)))
            .Set(WriteIds.Attribute, Attr.S(WriteIds.New()))
            // Sub-steps are appended only; a whole-item writer read them earlier and would erase newer ones.
            .SetIfMissing(SubStepsAttribute, Attr.List([]));
        if (phase.EndedAt is null)
        {
            update.Remove("endedAt");
        }

        if (phase.Error is null)
        {
            update.Remove("error");
        }

        var request = update.ToRequest(options.TableName, PhaseKey(phase.DeploymentId, phase.Phase),
            $"attribute_not_exists({PhaseTable.PartitionKey}) OR {update.Name("status")} = {update.Value(Attr.S(Running))}");
        try
        {
            await client.UpdateItemAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Closed: a closed phase stays as it was closed (and our own earlier attempt, if the
            // answer was lost, is equally done).
        }
    }

    public async Task<PhaseRecord> StartPhaseAsync(string deploymentId, string phase, DateTimeOffset startedAt, IReadOnlyDictionary<string, string>? detail, CancellationToken cancellationToken)
    {
        var record = new PhaseRecord
        {
            DeploymentId = deploymentId,
            Phase = phase,
            Status = PhaseStatus.Running,
            StartedAt = startedAt,
            Detail = detail ?? new Dictionary<string, string>(),
        };
        var (created, existing) = await CreatePhaseAsync(record, cancellationToken).ConfigureAwait(false);
        if (created || existing is null)
        {
            return record;
        }

        if (existing.Status != PhaseStatus.Running || detail is not { Count: > 0 })
        {
            return existing;
        }

        // A re-entry (Reconcile's wait again, a duplicate invocation): keep start, attempt and steps.
        var merged = await AppendToPhaseAsync(deploymentId, phase, new PhaseAppend { Detail = detail }, cancellationToken).ConfigureAwait(false);
        return merged == PhaseAppendResult.NotRunning
            ? await GetPhaseAsync(deploymentId, phase, cancellationToken).ConfigureAwait(false) ?? existing
            : existing with { Detail = Merge(existing.Detail, detail) };
    }

    public async Task<PhaseAppendResult> AppendToPhaseAsync(string deploymentId, string phase, PhaseAppend append, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(append);
        var steps = append.SubSteps.DistinctBy(PhaseItem.StepKey).ToList();
        var hasOther = append.Detail is { Count: > 0 } || append.Instances is { Count: > 0 };
        var wantedSteps = steps.Count > 0;
        // A second round when the first failed only because some steps were there already (or the list is full).
        for (var round = 0; round < 3; round++)
        {
            if (steps.Count == 0 && !hasOther)
            {
                return PhaseAppendResult.Duplicate;
            }

            var writeId = WriteIds.New();
            var update = new UpdateBuilder().Set(WriteIds.Attribute, Attr.S(writeId));
            SetDetail(update, append.Detail);
            if (append.Instances is { Count: > 0 } instances)
            {
                update.Set("instances", PhaseItem.InstancesValue(instances));
            }

            var condition = $"{update.Name("status")} = {update.Value(Attr.S(Running))}";
            if (steps.Count > 0)
            {
                var list = update.Name(SubStepsAttribute);
                var keys = update.Name(StepKeysAttribute);
                update.SetRaw($"{list} = list_append(if_not_exists({list}, {update.Value(Attr.List([]))}), {update.Value(Attr.List([.. steps.Select(PhaseItem.SubStepValue)]))})")
                    .AddToSet(StepKeysAttribute, new AttributeValue { SS = [.. steps.Select(PhaseItem.StepKey)] });
                condition += string.Concat(steps.Select(s => $" AND NOT contains({keys}, {update.Value(Attr.S(PhaseItem.StepKey(s)))})"));
                // Capped: a runaway sender must not grow the item past DynamoDB's limit.
                condition += $" AND (attribute_not_exists({list}) OR size({list}) <= {update.Value(Attr.N(ItemLimits.MaxSubSteps - steps.Count))})";
            }

            var request = update.ToRequest(options.TableName, PhaseKey(deploymentId, phase), condition);
            request.ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD;
            try
            {
                await client.UpdateItemAsync(request, cancellationToken).ConfigureAwait(false);
                return !wantedSteps || steps.Count > 0 ? PhaseAppendResult.Appended : PhaseAppendResult.Duplicate;
            }
            catch (ConditionalCheckFailedException failure)
            {
                var seen = WriteIds.Seen(failure);
                if (WriteIds.IsMine(seen, writeId))
                {
                    return PhaseAppendResult.Appended;
                }

                if (seen.GetS("status") != Running)
                {
                    return PhaseAppendResult.NotRunning;
                }

                var known = seen.GetSS(StepKeysAttribute);
                var room = Math.Max(0, ItemLimits.MaxSubSteps - (seen.GetL(SubStepsAttribute)?.Count ?? 0));
                var fresh = steps.Where(s => !known.Contains(PhaseItem.StepKey(s))).Take(room).ToList();
                if (fresh.Count == steps.Count)
                {
                    return PhaseAppendResult.NotRunning; // changed under us in a way no retry fixes
                }

                steps = fresh;
            }
        }

        return PhaseAppendResult.NotRunning;
    }

    public async Task<bool> SetPhaseAttemptAsync(string deploymentId, string phase, int expectedAttempt, int attempt, IReadOnlyDictionary<string, string>? detail, CancellationToken cancellationToken)
    {
        var writeId = WriteIds.New();
        var update = new UpdateBuilder().Set("attempt", Attr.N(attempt)).Set(WriteIds.Attribute, Attr.S(writeId));
        SetDetail(update, detail);
        var request = update.ToRequest(options.TableName, PhaseKey(deploymentId, phase),
            $"{update.Name("status")} = {update.Value(Attr.S(Running))} AND {update.Name("attempt")} = {update.Value(Attr.N(expectedAttempt))}");
        request.ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD;
        try
        {
            await client.UpdateItemAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException failure)
        {
            return WriteIds.IsMine(WriteIds.Seen(failure), writeId);
        }
    }

    public async Task<PhaseRecord> FinishPhaseAsync(PhaseFinish finish, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(finish);
        for (var round = 0; ; round++)
        {
            var writeId = WriteIds.New();
            var update = new UpdateBuilder()
                .Set("status", Attr.S(finish.Status.ToString()))
                .Set("endedAt", Attr.Time(finish.EndedAt))
                .Set(WriteIds.Attribute, Attr.S(writeId));
            if (ItemLimits.Cap(finish.Error, ItemLimits.ReasonChars) is { } error)
            {
                update.Set("error", Attr.S(error));
            }
            else
            {
                update.Remove("error");
            }

            SetDetail(update, finish.Detail);
            if (finish.Instances is { Count: > 0 } instances)
            {
                update.Set("instances", PhaseItem.InstancesValue(instances));
            }

            var request = update.ToRequest(options.TableName, PhaseKey(finish.DeploymentId, finish.Phase),
                $"{update.Name("status")} = {update.Value(Attr.S(Running))}");
            request.ReturnValues = ReturnValue.ALL_NEW;
            request.ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD;
            try
            {
                var response = await client.UpdateItemAsync(request, cancellationToken).ConfigureAwait(false);
                return PhaseItem.FromItem(response.Attributes ?? throw new InvalidOperationException("UpdateItem with ALL_NEW answered without the item."));
            }
            catch (ConditionalCheckFailedException failure) when (WriteIds.Seen(failure) is { } seen)
            {
                // Closed already (the first close stands), or closed by our own lost-answer attempt.
                return PhaseItem.FromItem(seen);
            }
            catch (ConditionalCheckFailedException) when (round == 0)
            {
                // Never started (a failure before the task wrote it): create it closed.
                var record = new PhaseRecord
                {
                    DeploymentId = finish.DeploymentId,
                    Phase = finish.Phase,
                    Status = finish.Status,
                    StartedAt = finish.EndedAt,
                    EndedAt = finish.EndedAt,
                    Error = finish.Error,
                    Detail = finish.Detail ?? new Dictionary<string, string>(),
                    Instances = finish.Instances ?? [],
                };
                var (created, existing) = await CreatePhaseAsync(record, cancellationToken).ConfigureAwait(false);
                if (created)
                {
                    return record;
                }

                if (existing is { Status: not PhaseStatus.Running })
                {
                    return existing;
                }

                // Opened meanwhile: the next round closes it.
            }
        }
    }

    /// <summary>Writes a new phase item; false with the item as it stands when one exists (our own lost-answer attempt counts as created).</summary>
    private async Task<(bool Created, PhaseRecord? Existing)> CreatePhaseAsync(PhaseRecord record, CancellationToken cancellationToken)
    {
        var writeId = WriteIds.New();
        var item = new Dictionary<string, AttributeValue>(PhaseKey(record.DeploymentId, record.Phase), StringComparer.Ordinal);
        foreach (var (name, value) in PhaseItem.ToAttributes(record))
        {
            item[name] = value;
        }

        item[SubStepsAttribute] = Attr.List([]);
        item[PhaseTable.TimeToLive] = Attr.N(Attr.EpochSeconds(record.StartedAt + options.RecordRetention));
        item[WriteIds.Attribute] = Attr.S(writeId);
        try
        {
            await client.PutItemAsync(new PutItemRequest
            {
                TableName = options.TableName,
                Item = item,
                ConditionExpression = $"attribute_not_exists({PhaseTable.PartitionKey})",
                ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            }, cancellationToken).ConfigureAwait(false);
            return (true, null);
        }
        catch (ConditionalCheckFailedException failure)
        {
            var seen = WriteIds.Seen(failure);
            return WriteIds.IsMine(seen, writeId) ? (true, null) : (false, seen is null ? null : PhaseItem.FromItem(seen));
        }
    }

    /// <summary>One path per key: a detail key written by another writer meanwhile survives.</summary>
    private static void SetDetail(UpdateBuilder update, IReadOnlyDictionary<string, string>? detail)
    {
        foreach (var (key, value) in detail ?? new Dictionary<string, string>())
        {
            update.SetKey(DetailAttribute, key, Attr.S(ItemLimits.Cap(value, ItemLimits.DetailValueChars)!));
        }
    }

    private static Dictionary<string, AttributeValue> PhaseKey(string deploymentId, string phase) =>
        Attr.Key(PhaseTable.DeploymentKey(deploymentId), PhaseTable.PhaseKey(phase));

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> first, IReadOnlyDictionary<string, string> second)
    {
        var merged = new Dictionary<string, string>(first, StringComparer.Ordinal);
        foreach (var (k, v) in second)
        {
            merged[k] = v;
        }

        return merged;
    }
}

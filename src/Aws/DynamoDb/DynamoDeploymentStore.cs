using Wso2Serverless.Aws.DynamoDb.Model;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Aws.DynamoDb;

/// <summary>
/// Deployment records, phase items and command claims in the phase table (see <see cref="PhaseTable"/>).
/// Phase writes are in <c>DynamoDeploymentStore.Phases.cs</c>, command claims in <c>.Commands.cs</c>,
/// the transactional close with its notification in <c>.Outbox.cs</c>.
/// </summary>
public sealed partial class DynamoDeploymentStore(DynamoDbClient client, PhaseStoreOptions options) : IDeploymentStore
{
    private static readonly string Running = nameof(DeploymentStatus.Running);

    public async Task<bool> CreateAsync(DeploymentRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            await client.PutItemAsync(new PutItemRequest
            {
                TableName = options.TableName,
                Item = RecordItem(record),
                ConditionExpression = "attribute_not_exists(PK)",
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public async Task<DeploymentRecord?> GetAsync(string deploymentId, CancellationToken cancellationToken)
    {
        var item = await client.GetItemAsync(options.TableName, PhaseTable.DeploymentKey(deploymentId), PhaseTable.MetaSort, cancellationToken).ConfigureAwait(false);
        return item is null ? null : DeploymentItem.FromItem(item);
    }

    public async Task UpdateRunningAsync(string deploymentId, string? executionArn, string? stackId, IReadOnlyDictionary<string, string>? outputs, CancellationToken cancellationToken)
    {
        var update = new UpdateBuilder();
        if (executionArn is not null)
        {
            update.Set("executionArn", Attr.S(executionArn));
        }

        if (stackId is not null)
        {
            update.Set("stackId", Attr.S(stackId));
        }

        if (outputs is not null)
        {
            update.Set("outputs", Attr.StringMap(outputs));
        }

        if (update.Values.Count == 0)
        {
            return;
        }

        var request = update.ToRequest(options.TableName, Attr.Key(PhaseTable.DeploymentKey(deploymentId), PhaseTable.MetaSort),
            $"{update.Name("status")} = {update.Value(Attr.S(Running))}");
        try
        {
            await client.UpdateItemAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Closed meanwhile (aborted, timed out): a final record stays as it was closed, and a
            // late detail is not worth failing the phase that reported it.
        }
    }

    public async Task<bool> CloseAsync(string deploymentId, DeploymentStatus status, string? failedPhase, string? reason, DateTimeOffset endedAt, CancellationToken cancellationToken)
    {
        try
        {
            await client.UpdateItemAsync(CloseRequest(new RecordClosing(deploymentId, status, failedPhase, reason, endedAt)), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>The close: final status, end, reason and TTL, on condition that the record is still Running.</summary>
    private UpdateItemRequest CloseRequest(RecordClosing closing)
    {
        if (closing.Status == DeploymentStatus.Running)
        {
            throw new ArgumentException("A record is closed with a final status.", nameof(closing));
        }

        var update = new UpdateBuilder()
            .Set("status", Attr.S(closing.Status.ToString()))
            .Set("endedAt", Attr.Time(closing.EndedAt))
            .Set(PhaseTable.TimeToLive, Attr.N(Attr.EpochSeconds(closing.EndedAt + options.RecordRetention)));
        if (closing.FailedPhase is not null)
        {
            update.Set("failedPhase", Attr.S(closing.FailedPhase));
        }

        if (ItemLimits.Cap(closing.Reason, ItemLimits.ReasonChars) is { } cappedReason)
        {
            update.Set("reason", Attr.S(cappedReason));
        }

        return update.ToRequest(options.TableName, Attr.Key(PhaseTable.DeploymentKey(closing.DeploymentId), PhaseTable.MetaSort),
            $"{update.Name("status")} = {update.Value(Attr.S(Running))}");
    }

    private Dictionary<string, AttributeValue> RecordItem(DeploymentRecord record)
    {
        var item = DeploymentItem.ToItem(record);
        if (record.Status != DeploymentStatus.Running && record.EndedAt is { } ended)
        {
            // A record born final (Rejected at Accept) expires like any closed one.
            item[PhaseTable.TimeToLive] = Attr.N(Attr.EpochSeconds(ended + options.RecordRetention));
        }

        return item;
    }

    public async Task<Page<DeploymentRecord>> ListByEnvironmentAsync(string environment, int limit, string? cursor, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var response = await client.QueryAsync(new QueryRequest
        {
            TableName = options.TableName,
            IndexName = PhaseTable.Gsi1,
            KeyConditionExpression = "GSI1PK = :pk",
            ExpressionAttributeValues = new(StringComparer.Ordinal) { [":pk"] = Attr.S(PhaseTable.EnvironmentHistoryKey(environment)) },
            ScanIndexForward = false,
            Limit = Math.Min(limit, 100),
            ExclusiveStartKey = HistoryCursor.Decode(cursor, environment),
        }, cancellationToken).ConfigureAwait(false);
        var items = response.Items?.Select(DeploymentItem.FromItem).ToList() ?? [];
        return new Page<DeploymentRecord>(items, HistoryCursor.Encode(response.LastEvaluatedKey));
    }

    public async Task<PhaseRecord?> GetPhaseAsync(string deploymentId, string phase, CancellationToken cancellationToken)
    {
        var item = await client.GetItemAsync(options.TableName, PhaseTable.DeploymentKey(deploymentId), PhaseTable.PhaseKey(phase), cancellationToken).ConfigureAwait(false);
        return item is null ? null : PhaseItem.FromItem(item);
    }

    public async Task<IReadOnlyList<PhaseRecord>> GetPhasesAsync(string deploymentId, CancellationToken cancellationToken)
    {
        var phases = new List<PhaseRecord>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await client.QueryAsync(new QueryRequest
            {
                TableName = options.TableName,
                KeyConditionExpression = "PK = :pk AND begins_with(SK, :phase)",
                ExpressionAttributeValues = new(StringComparer.Ordinal)
                {
                    [":pk"] = Attr.S(PhaseTable.DeploymentKey(deploymentId)),
                    [":phase"] = Attr.S(PhaseTable.PhasePrefix),
                },
                ConsistentRead = true,
                ExclusiveStartKey = start,
            }, cancellationToken).ConfigureAwait(false);
            phases.AddRange(response.Items?.Select(PhaseItem.FromItem) ?? []);
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return [.. phases.OrderBy(p => p.StartedAt).ThenBy(p => p.Phase, StringComparer.Ordinal)];
    }
}

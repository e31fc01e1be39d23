using Wso2Serverless.Aws.DynamoDb.Model;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Notifications;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Aws.DynamoDb;

/// <summary>
/// The notification outbox (<see cref="INotificationOutbox"/>): the record's close and the
/// notification's put are one TransactWriteItems, so either both happen or neither does.
/// </summary>
public sealed partial class DynamoDeploymentStore
{
    private static readonly string Pending = nameof(OutboxStatus.Pending);

    public async Task<bool> CloseAsync(RecordClosing closing, OutboxMessage? notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(closing);
        var close = CloseRequest(closing);
        if (notification is null)
        {
            return await CloseAsync(closing.DeploymentId, closing.Status, closing.FailedPhase, closing.Reason, closing.EndedAt, cancellationToken).ConfigureAwait(false);
        }

        var update = new Update
        {
            TableName = close.TableName,
            Key = close.Key,
            UpdateExpression = close.UpdateExpression ?? throw new InvalidOperationException("A close request always has an update expression."),
            ConditionExpression = close.ConditionExpression,
            ExpressionAttributeNames = close.ExpressionAttributeNames,
            ExpressionAttributeValues = close.ExpressionAttributeValues,
        };
        return await TransactAsync(new TransactWriteItem { Update = update }, notification, closing.EndedAt, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> CreateClosedAsync(DeploymentRecord record, OutboxMessage? notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Status == DeploymentStatus.Running || record.EndedAt is not { } ended)
        {
            throw new ArgumentException("A record born closed has a final status and an end.", nameof(record));
        }

        if (notification is null)
        {
            return await CreateAsync(record, cancellationToken).ConfigureAwait(false);
        }

        var put = new Put { TableName = options.TableName, Item = RecordItem(record), ConditionExpression = "attribute_not_exists(PK)" };
        return await TransactAsync(new TransactWriteItem { Put = put }, notification, ended, cancellationToken).ConfigureAwait(false);
    }

    public async Task<OutboxMessage?> GetNotificationAsync(string deploymentId, CancellationToken cancellationToken)
    {
        var item = await client.GetItemAsync(options.TableName, PhaseTable.DeploymentKey(deploymentId), OutboxItem.Sort, cancellationToken).ConfigureAwait(false);
        return item is null ? null : OutboxItem.FromItem(item);
    }

    public async Task<IReadOnlyList<OutboxMessage>> ListPendingAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var response = await client.QueryAsync(new QueryRequest
        {
            TableName = options.TableName,
            IndexName = PhaseTable.Gsi1,
            KeyConditionExpression = "GSI1PK = :pk",
            ExpressionAttributeValues = new(StringComparer.Ordinal) { [":pk"] = Attr.S(OutboxItem.PendingPartition) },
            ScanIndexForward = true,
            Limit = Math.Min(limit, 100),
        }, cancellationToken).ConfigureAwait(false);
        return [.. response.Items?.Select(OutboxItem.FromItem) ?? []];
    }

    public async Task<bool> ClaimAsync(string deploymentId, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var update = new UpdateBuilder()
            .Set(OutboxItem.HeldUntilMs, Attr.N(until.ToUnixTimeMilliseconds()))
            .SetRaw("#attempts = #attempts + :one");
        update.Names["#attempts"] = "attempts";
        update.Values[":one"] = Attr.N(1);
        var condition = $"{update.Name("status")} = {update.Value(Attr.S(Pending))} AND {update.Name(OutboxItem.HeldUntilMs)} <= {update.Value(Attr.N(now.ToUnixTimeMilliseconds()))}";
        return await TryUpdateAsync(update.ToRequest(options.TableName, OutboxItem.Key(deploymentId), condition), cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> MarkSentAsync(string deploymentId, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var update = new UpdateBuilder()
            .Set("status", Attr.S(nameof(OutboxStatus.Sent)))
            .Set("sentAt", Attr.Time(sentAt))
            .Remove(PhaseTable.Gsi1PartitionKey)
            .Remove(PhaseTable.Gsi1SortKey);
        var condition = $"{update.Name("status")} = {update.Value(Attr.S(Pending))}";
        return await TryUpdateAsync(update.ToRequest(options.TableName, OutboxItem.Key(deploymentId), condition), cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordSendFailureAsync(string deploymentId, string error, bool abandon, CancellationToken cancellationToken)
    {
        var update = new UpdateBuilder().Set("lastError", Attr.S(ItemLimits.Cap(error, ItemLimits.ReasonChars)!));
        if (abandon)
        {
            update.Set("status", Attr.S(nameof(OutboxStatus.Abandoned))).Remove(PhaseTable.Gsi1PartitionKey).Remove(PhaseTable.Gsi1SortKey);
        }

        var condition = $"{update.Name("status")} = {update.Value(Attr.S(Pending))}";
        await TryUpdateAsync(update.ToRequest(options.TableName, OutboxItem.Key(deploymentId), condition), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The record's write and the notification's put in one transaction; false when the record's condition failed.</summary>
    private async Task<bool> TransactAsync(TransactWriteItem recordWrite, OutboxMessage notification, DateTimeOffset endedAt, CancellationToken ct)
    {
        var put = new Put
        {
            TableName = options.TableName,
            Item = OutboxItem.ToItem(notification, endedAt + options.RecordRetention),
            ConditionExpression = "attribute_not_exists(PK)",
        };
        try
        {
            await client.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = [recordWrite, new TransactWriteItem { Put = put }] }, ct).ConfigureAwait(false);
            return true;
        }
        catch (TransactionCanceledException ex) when (ex.CancellationReasons is { Count: > 0 } reasons && reasons[0].Code == "ConditionalCheckFailed")
        {
            // The record was not Running (or already existed): its closer queued the notification.
            return false;
        }
    }

    private async Task<bool> TryUpdateAsync(UpdateItemRequest request, CancellationToken ct)
    {
        try
        {
            await client.UpdateItemAsync(request, ct).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }
}

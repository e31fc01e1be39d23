using Wso2Serverless.Aws.DynamoDb.Model;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Aws.DynamoDb;

/// <summary>
/// The environment lock: one item per environment (<c>LOCK#env</c>). The lease end is stored as
/// epoch milliseconds so the conditions can compare it with the caller's clock as a number.
/// </summary>
public sealed class DynamoLockStore(DynamoDbClient client, PhaseStoreOptions options) : ILockStore
{
    /// <summary>A lock item outlives its lease by this before TTL removes it, so a holder stays visible for a while.</summary>
    private static readonly TimeSpan KeepAfterLease = TimeSpan.FromDays(1);

    public async Task<LockAttempt> AcquireAsync(string environment, string deploymentId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        // A few rounds only matter when the lock changes hands between our write and our read
        // (released or expired just then); each round is a fresh, conditional attempt.
        for (var round = 0; round < 5; round++)
        {
            var taken = new LockInfo(environment, deploymentId, now, now + lease);
            try
            {
                // Free, or another's expired lease. Our own lease (expired or not) is extended
                // below instead, so that its acquisition time survives a duplicate Accept.
                await client.PutItemAsync(new PutItemRequest
                {
                    TableName = options.TableName,
                    Item = ToItem(taken),
                    ConditionExpression = "attribute_not_exists(PK) OR (leaseExpiresAtMs <= :now AND deploymentId <> :id)",
                    ExpressionAttributeValues = new(StringComparer.Ordinal)
                    {
                        [":now"] = Attr.N(now.ToUnixTimeMilliseconds()),
                        [":id"] = Attr.S(deploymentId),
                    },
                }, cancellationToken).ConfigureAwait(false);
                return new LockAttempt(true, taken);
            }
            catch (ConditionalCheckFailedException)
            {
                // Held: ours (a duplicate Accept) or someone else's live lease.
            }

            var holder = await GetAsync(environment, cancellationToken).ConfigureAwait(false);
            if (holder is null)
            {
                continue;
            }

            if (string.Equals(holder.DeploymentId, deploymentId, StringComparison.Ordinal))
            {
                if (await RenewAsync(environment, deploymentId, now, lease, cancellationToken).ConfigureAwait(false))
                {
                    return new LockAttempt(true, holder with { LeaseExpiresAt = now + lease });
                }

                continue;
            }

            if (holder.LeaseExpiresAt > now)
            {
                return new LockAttempt(false, holder);
            }
        }

        throw new InvalidOperationException($"The lock of environment '{environment}' kept changing hands; try again.");
    }

    public async Task<bool> RenewAsync(string environment, string deploymentId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var expires = now + lease;
        var update = new UpdateBuilder()
            .Set("leaseExpiresAtMs", Attr.N(expires.ToUnixTimeMilliseconds()))
            .Set("leaseExpiresAt", Attr.Time(expires))
            .Set(PhaseTable.TimeToLive, Attr.N(Attr.EpochSeconds(expires + KeepAfterLease)));
        var request = update.ToRequest(options.TableName, Attr.Key(PhaseTable.LockKey(environment), PhaseTable.LockSort),
            $"{update.Name("deploymentId")} = {update.Value(Attr.S(deploymentId))}");
        try
        {
            await client.UpdateItemAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public async Task<bool> ReleaseAsync(string environment, string deploymentId, CancellationToken cancellationToken)
    {
        try
        {
            await client.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = options.TableName,
                Key = Attr.Key(PhaseTable.LockKey(environment), PhaseTable.LockSort),
                ConditionExpression = "deploymentId = :id",
                ExpressionAttributeValues = new(StringComparer.Ordinal) { [":id"] = Attr.S(deploymentId) },
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public async Task<LockInfo?> GetAsync(string environment, CancellationToken cancellationToken)
    {
        var item = await client.GetItemAsync(options.TableName, PhaseTable.LockKey(environment), PhaseTable.LockSort, cancellationToken).ConfigureAwait(false);
        return item is null
            ? null
            : new LockInfo(
                item.RequireS("environment"),
                item.RequireS("deploymentId"),
                Attr.ParseIso(item.RequireS("acquiredAt")),
                DateTimeOffset.FromUnixTimeMilliseconds(item.GetN("leaseExpiresAtMs") ?? 0));
    }

    private static Dictionary<string, AttributeValue> ToItem(LockInfo info)
    {
        var item = Attr.Key(PhaseTable.LockKey(info.Environment), PhaseTable.LockSort);
        item["type"] = Attr.S("lock");
        item["environment"] = Attr.S(info.Environment);
        item["deploymentId"] = Attr.S(info.DeploymentId);
        item["acquiredAt"] = Attr.Time(info.AcquiredAt);
        item["leaseExpiresAt"] = Attr.Time(info.LeaseExpiresAt);
        item["leaseExpiresAtMs"] = Attr.N(info.LeaseExpiresAt.ToUnixTimeMilliseconds());
        item[PhaseTable.TimeToLive] = Attr.N(Attr.EpochSeconds(info.LeaseExpiresAt + KeepAfterLease));
        return item;
    }
}

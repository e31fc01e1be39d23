using Wso2Serverless.Aws.DynamoDb.Model;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Aws.DynamoDb;

/// <summary>Environment configurations in the dedicated <c>ENVCFG</c> partition, one item per environment.</summary>
public sealed class DynamoEnvironmentStore(DynamoDbClient client, PhaseStoreOptions options) : IEnvironmentStore
{
    public async Task PutAsync(EnvironmentConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var update = new UpdateBuilder()
            .Set("type", Attr.S("environment"))
            .Set("environment", Attr.S(config.Environment))
            .Set("enabled", Attr.Bool(config.Enabled))
            .Set("requestTemplate", Attr.S(config.RequestTemplate))
            .Set("updatedAt", Attr.Time(config.UpdatedAt));
        SetOrRemove(update, "schedule", config.Schedule is null ? null : Attr.S(config.Schedule));
        // Not "expiresAt": that is the TTL attribute, and DynamoDB would delete the config itself.
        SetOrRemove(update, "expiresAtTime", config.ExpiresAt is { } e ? Attr.Time(e) : null);
        // Re-registering (through the API) does not know the scheduler's progress: keep it, or a
        // registration would make the scheduler catch up on a tick it already handled.
        if (config.LastScheduledAt is { } last)
        {
            update.Set("lastScheduledAt", Attr.Time(last));
        }

        await client.UpdateItemAsync(update.ToRequest(options.TableName, Key(config.Environment)), cancellationToken).ConfigureAwait(false);
    }

    public async Task<EnvironmentConfig?> GetAsync(string environment, CancellationToken cancellationToken)
    {
        var item = await client.GetItemAsync(options.TableName, PhaseTable.EnvironmentPartition, environment, cancellationToken).ConfigureAwait(false);
        return item is null ? null : FromItem(item);
    }

    public async Task<IReadOnlyList<EnvironmentConfig>> ListAsync(CancellationToken cancellationToken)
    {
        var configs = new List<EnvironmentConfig>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await client.QueryAsync(new QueryRequest
            {
                TableName = options.TableName,
                KeyConditionExpression = "PK = :pk",
                ExpressionAttributeValues = new(StringComparer.Ordinal) { [":pk"] = Attr.S(PhaseTable.EnvironmentPartition) },
                ConsistentRead = true,
                ExclusiveStartKey = start,
            }, cancellationToken).ConfigureAwait(false);
            configs.AddRange(response.Items?.Select(FromItem) ?? []);
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return configs;
    }

    public async Task<bool> MarkScheduledAsync(string environment, DateTimeOffset? expectedPrevious, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var update = new UpdateBuilder().Set("lastScheduledAt", Attr.Time(dueAt));
        var last = update.Name("lastScheduledAt");
        var condition = expectedPrevious is { } previous
            ? $"{last} = {update.Value(Attr.Time(previous))}"
            : $"attribute_not_exists({last})";
        var request = update.ToRequest(options.TableName, Key(environment), $"attribute_exists(PK) AND {condition}");
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

    private static Dictionary<string, AttributeValue> Key(string environment) => Attr.Key(PhaseTable.EnvironmentPartition, environment);

    private static void SetOrRemove(UpdateBuilder update, string name, AttributeValue? value)
    {
        if (value is null)
        {
            update.Remove(name);
        }
        else
        {
            update.Set(name, value);
        }
    }

    private static EnvironmentConfig FromItem(Dictionary<string, AttributeValue> item) => new()
    {
        Environment = item.RequireS("environment"),
        Schedule = item.GetS("schedule"),
        Enabled = item.GetBool("enabled"),
        RequestTemplate = item.RequireS("requestTemplate"),
        ExpiresAt = item.GetTime("expiresAtTime"),
        LastScheduledAt = item.GetTime("lastScheduledAt"),
        UpdatedAt = item.GetTime("updatedAt") ?? DateTimeOffset.MinValue,
    };
}

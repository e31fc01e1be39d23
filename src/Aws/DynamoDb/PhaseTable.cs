using Wso2Serverless.Aws.DynamoDb.Model;

namespace Wso2Serverless.Aws.DynamoDb;

/// <summary>
/// The one DynamoDB table behind every store (single-table design, string keys <c>PK</c>/<c>SK</c>).
/// <list type="table">
/// <listheader><term>item</term><description>keys and why</description></listheader>
/// <item><term>deployment record</term><description><c>PK=DEP#id, SK=META</c>; <c>GSI1PK=ENV#env,
/// GSI1SK=&lt;startedAt ISO&gt;#id</c> so an environment's history reads newest first from the index.
/// <c>expiresAt</c> is set when the record is closed (ended + retention): running records never expire.</description></item>
/// <item><term>phase</term><description><c>PK=DEP#id, SK=PHASE#&lt;name&gt;</c>. Keyed by name, not start time, because
/// sub-step and command writers know the name but not the start; the store sorts a deployment's
/// handful of phases by <c>startedAt</c> when it reads them.</description></item>
/// <item><term>command claim</term><description><c>PK=DEP#id, SK=CMD#&lt;phase&gt;#&lt;attempt:D3&gt;</c>: one per phase attempt,
/// created conditionally, so exactly one sender exists.</description></item>
/// <item><term>environment lock</term><description><c>PK=LOCK#env, SK=LOCK</c> with a lease (<c>leaseExpiresAt</c>, epoch ms).</description></item>
/// <item><term>pending token / early outcome</term><description><c>PK=TOKEN#key, SK=TOKEN</c>: the token and the event
/// outcome share one item so that whichever write comes second sees the other (UpdateItem, ALL_NEW).
/// Always carries <c>expiresAt</c>.</description></item>
/// <item><term>environment config</term><description><c>PK=ENVCFG, SK=&lt;env&gt;</c>: one dedicated partition, so the
/// scheduler lists every environment with one strongly consistent Query (there are few).</description></item>
/// </list>
/// On-demand billing; TTL on <c>expiresAt</c> (epoch seconds). <c>serverless.template</c> declares the same.
/// </summary>
public static class PhaseTable
{
    public const string PartitionKey = "PK";
    public const string SortKey = "SK";
    public const string Gsi1 = "GSI1";
    public const string Gsi1PartitionKey = "GSI1PK";
    public const string Gsi1SortKey = "GSI1SK";
    public const string TimeToLive = "expiresAt";

    public const string MetaSort = "META";
    public const string LockSort = "LOCK";
    public const string TokenSort = "TOKEN";
    public const string EnvironmentPartition = "ENVCFG";
    public const string PhasePrefix = "PHASE#";

    public static string DeploymentKey(string deploymentId) => $"DEP#{deploymentId}";
    public static string EnvironmentHistoryKey(string environment) => $"ENV#{environment}";
    public static string PhaseKey(string phase) => PhasePrefix + phase;
    public static string CommandKey(string phase, int attempt) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"CMD#{phase}#{attempt:D3}");
    public static string LockKey(string environment) => $"LOCK#{environment}";
    public static string TokenKey(string correlationKey) => $"TOKEN#{correlationKey}";

    /// <summary>The table as the stores expect it; used by tests and <c>simulate</c> to create it in moto.</summary>
    public static CreateTableRequest CreateTableRequest(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new AttributeDefinition(PartitionKey, ScalarAttributeType.S),
            new AttributeDefinition(SortKey, ScalarAttributeType.S),
            new AttributeDefinition(Gsi1PartitionKey, ScalarAttributeType.S),
            new AttributeDefinition(Gsi1SortKey, ScalarAttributeType.S),
        ],
        KeySchema =
        [
            new KeySchemaElement(PartitionKey, KeyType.HASH),
            new KeySchemaElement(SortKey, KeyType.RANGE),
        ],
        GlobalSecondaryIndexes =
        [
            new GlobalSecondaryIndex
            {
                IndexName = Gsi1,
                KeySchema =
                [
                    new KeySchemaElement(Gsi1PartitionKey, KeyType.HASH),
                    new KeySchemaElement(Gsi1SortKey, KeyType.RANGE),
                ],
                Projection = new Projection { ProjectionType = ProjectionType.ALL },
            },
        ],
    };

    /// <summary>TTL is a separate call in DynamoDB's API; creating the table is not enough.</summary>
    public static UpdateTimeToLiveRequest TimeToLiveRequest(string tableName) => new()
    {
        TableName = tableName,
        TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = TimeToLive, Enabled = true },
    };

    /// <summary>Creates the table with its TTL and waits until it is active (moto: at once).</summary>
    public static async Task CreateAsync(DynamoDbClient client, string tableName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        await client.CreateTableAsync(CreateTableRequest(tableName), cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < 60; i++)
        {
            var table = await client.DescribeTableAsync(tableName, cancellationToken).ConfigureAwait(false);
            if (table.Table?.TableStatus == TableStatus.ACTIVE)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }

        await client.UpdateTimeToLiveAsync(TimeToLiveRequest(tableName), cancellationToken).ConfigureAwait(false);
    }
}

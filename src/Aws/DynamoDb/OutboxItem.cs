using Wso2Serverless.Aws.DynamoDb.Model;
using Wso2Serverless.Domain.Notifications;

namespace Wso2Serverless.Aws.DynamoDb;

/// <summary>
/// Maps <see cref="OutboxMessage"/> to its <c>DEP#id / OUTBOX</c> item. While it is pending it is
/// also in GSI1 under <c>OUTBOX</c> (sorted by creation), so the scheduler finds the unsent ones
/// with one Query; sending or abandoning it removes those keys (a sparse index).
/// </summary>
internal static class OutboxItem
{
    public const string Sort = "OUTBOX";
    public const string PendingPartition = "OUTBOX";
    public const string HeldUntilMs = "heldUntilMs";

    public static Dictionary<string, AttributeValue> Key(string deploymentId) => Attr.Key(PhaseTable.DeploymentKey(deploymentId), Sort);

    public static Dictionary<string, AttributeValue> ToItem(OutboxMessage message, DateTimeOffset expiresAt)
    {
        var item = Key(message.DeploymentId);
        item["type"] = Attr.S("notification");
        item["deploymentId"] = Attr.S(message.DeploymentId);
        item["topicArn"] = Attr.S(message.TopicArn);
        item["subject"] = Attr.S(message.Subject);
        item["message"] = Attr.S(message.Message);
        item["createdAt"] = Attr.Time(message.CreatedAt);
        item["status"] = Attr.S(message.Status.ToString());
        item[HeldUntilMs] = Attr.N(message.HeldUntil.ToUnixTimeMilliseconds());
        item["attempts"] = Attr.N(message.Attempts);
        item[PhaseTable.TimeToLive] = Attr.N(Attr.EpochSeconds(expiresAt));
        if (message.Status == OutboxStatus.Pending)
        {
            item[PhaseTable.Gsi1PartitionKey] = Attr.S(PendingPartition);
            item[PhaseTable.Gsi1SortKey] = Attr.S(DeploymentItem.HistorySortKey(message.CreatedAt, message.DeploymentId));
        }

        return item;
    }

    public static OutboxMessage FromItem(Dictionary<string, AttributeValue> item) => new()
    {
        DeploymentId = item.RequireS("deploymentId"),
        TopicArn = item.RequireS("topicArn"),
        Subject = item.RequireS("subject"),
        Message = item.RequireS("message"),
        CreatedAt = Attr.ParseIso(item.RequireS("createdAt")),
        Status = Enum.Parse<OutboxStatus>(item.RequireS("status")),
        HeldUntil = DateTimeOffset.FromUnixTimeMilliseconds(item.GetN(HeldUntilMs) ?? 0),
        Attempts = (int)(item.GetN("attempts") ?? 0),
        SentAt = item.GetTime("sentAt"),
        LastError = item.GetS("lastError"),
    };
}

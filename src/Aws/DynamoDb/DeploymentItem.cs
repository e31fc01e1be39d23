using Wso2Serverless.Aws.DynamoDb.Model;
using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Aws.DynamoDb;

/// <summary>Maps <see cref="DeploymentRecord"/> to and from its <c>DEP#id / META</c> item.</summary>
internal static class DeploymentItem
{
    public static Dictionary<string, AttributeValue> ToItem(DeploymentRecord record)
    {
        var item = Attr.Key(PhaseTable.DeploymentKey(record.DeploymentId), PhaseTable.MetaSort);
        item[PhaseTable.Gsi1PartitionKey] = Attr.S(PhaseTable.EnvironmentHistoryKey(record.Environment));
        item[PhaseTable.Gsi1SortKey] = Attr.S(HistorySortKey(record.StartedAt, record.DeploymentId));
        item["type"] = Attr.S("deployment");
        item["deploymentId"] = Attr.S(record.DeploymentId);
        item["environment"] = Attr.S(record.Environment);
        item["stackName"] = Attr.S(record.StackName);
        item["status"] = Attr.S(record.Status.ToString());
        item["startedAt"] = Attr.Time(record.StartedAt);
        item["trigger"] = Attr.S(record.Trigger);
        item["rebuild"] = Attr.Bool(record.Rebuild);
        item["outputs"] = Attr.StringMap(record.Outputs);
        AddIfSet(item, "endedAt", record.EndedAt is { } e ? Attr.Iso(e) : null);
        AddIfSet(item, "executionArn", record.ExecutionArn);
        AddIfSet(item, "stackId", record.StackId);
        AddIfSet(item, "failedPhase", record.FailedPhase);
        AddIfSet(item, "reason", ItemLimits.Cap(record.Reason, ItemLimits.ReasonChars));
        if (record.Notification is { } n)
        {
            item["notification"] = Attr.StringMap(NotificationMap(n));
        }

        return item;
    }

    public static DeploymentRecord FromItem(Dictionary<string, AttributeValue> item) => new()
    {
        DeploymentId = item.RequireS("deploymentId"),
        Environment = item.RequireS("environment"),
        StackName = item.RequireS("stackName"),
        Status = Enum.Parse<DeploymentStatus>(item.RequireS("status")),
        StartedAt = Attr.ParseIso(item.RequireS("startedAt")),
        EndedAt = item.GetTime("endedAt"),
        ExecutionArn = item.GetS("executionArn"),
        StackId = item.GetS("stackId"),
        Trigger = item.GetS("trigger") ?? "console",
        Rebuild = item.GetBool("rebuild"),
        FailedPhase = item.GetS("failedPhase"),
        Reason = item.GetS("reason"),
        Outputs = item.GetStringMap("outputs"),
        Notification = item.GetM("notification") is null ? null : Notification(item.GetStringMap("notification")),
    };

    private static Dictionary<string, string> NotificationMap(NotificationOptions n)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal) { ["notifyOnSuccess"] = n.NotifyOnSuccess ? "true" : "false" };
        if (n.TopicArn is not null)
        {
            map["topicArn"] = n.TopicArn;
        }

        if (n.SubjectPrefix is not null)
        {
            map["subjectPrefix"] = n.SubjectPrefix;
        }

        return map;
    }

    private static NotificationOptions Notification(Dictionary<string, string> map) =>
        new(map.GetValueOrDefault("topicArn"), map.GetValueOrDefault("notifyOnSuccess") != "false", map.GetValueOrDefault("subjectPrefix"));

    /// <summary>Start time first so the index sorts by it; the id breaks ties and makes the key unique.</summary>
    public static string HistorySortKey(DateTimeOffset startedAt, string deploymentId) => $"{Attr.Iso(startedAt)}#{deploymentId}";

    private static void AddIfSet(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = Attr.S(value);
        }
    }
}

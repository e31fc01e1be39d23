using System.Text;
using Wso2Serverless.Aws.DynamoDb.Model;
using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Aws.DynamoDb;

/// <summary>
/// Maps <see cref="PhaseRecord"/> to its <c>DEP#id / PHASE#name</c> item. Detail, instances and
/// sub-steps are DynamoDB maps and lists (not JSON strings) so they read well in the console.
/// </summary>
internal static class PhaseItem
{
    public static Dictionary<string, AttributeValue> ToAttributes(PhaseRecord phase)
    {
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            ["type"] = Attr.S("phase"),
            ["deploymentId"] = Attr.S(phase.DeploymentId),
            ["phase"] = Attr.S(phase.Phase),
            ["status"] = Attr.S(phase.Status.ToString()),
            ["startedAt"] = Attr.Time(phase.StartedAt),
            ["attempt"] = Attr.N(phase.Attempt),
            ["detail"] = Attr.Map(phase.Detail.ToDictionary(
                p => p.Key, p => Attr.S(ItemLimits.Cap(p.Value, ItemLimits.DetailValueChars)!), StringComparer.Ordinal)),
            ["instances"] = Attr.List(phase.Instances.Select(i => Instance(i, ItemLimits.OutputTailChars)).ToList()),
        };
        if (phase.EndedAt is { } ended)
        {
            item["endedAt"] = Attr.Time(ended);
        }

        if (phase.Error is not null)
        {
            item["error"] = Attr.S(ItemLimits.Cap(phase.Error, ItemLimits.ReasonChars)!);
        }

        // Many instances with full tails could still exceed the item limit: shorten the tails
        // (then drop them) rather than lose the record; the command's own output stays in SSM.
        foreach (var tail in new[] { 512, 0 })
        {
            if (EstimateBytes(item) + Math.Max(EstimateBytes(SubSteps(phase.SubSteps)), ItemLimits.SubStepReserveBytes) <= ItemLimits.ItemBudgetBytes)
            {
                break;
            }

            item["instances"] = Attr.List(phase.Instances.Select(i => Instance(i, tail)).ToList());
        }

        return item;
    }

    /// <summary>
    /// The instances' results as a list, output tails shortened (then dropped) when the list and
    /// the room kept for sub-steps would pass the item budget.
    /// </summary>
    public static AttributeValue InstancesValue(IReadOnlyList<InstanceResult> instances)
    {
        foreach (var tail in new[] { ItemLimits.OutputTailChars, 512 })
        {
            var value = Attr.List(instances.Select(i => Instance(i, tail)).ToList());
            if (EstimateBytes(value) + ItemLimits.SubStepReserveBytes + ItemLimits.DetailReserveBytes <= ItemLimits.ItemBudgetBytes)
            {
                return value;
            }
        }

        return Attr.List(instances.Select(i => Instance(i, 0)).ToList());
    }

    /// <summary>
    /// What makes two sub-steps the same step (EventBridge delivers at least once): name, status
    /// and message, hashed so the set of keys a phase keeps stays small.
    /// </summary>
    public static string StepKey(SubStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var text = $"{ItemLimits.Cap(step.Name, ItemLimits.LabelChars)}\n{ItemLimits.Cap(step.Status, ItemLimits.LabelChars)}\n{ItemLimits.Cap(step.Message, ItemLimits.SubStepMessageChars)}";
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..24];
    }

    /// <summary>The newest steps win when there are too many: they say where the phase got to.</summary>
    public static AttributeValue SubSteps(IReadOnlyList<SubStep> steps) =>
        Attr.List(steps.Skip(Math.Max(0, steps.Count - ItemLimits.MaxSubSteps)).Select(SubStepValue).ToList());

    public static AttributeValue SubStepValue(SubStep step)
    {
        var map = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            ["name"] = Attr.S(ItemLimits.Cap(step.Name, ItemLimits.LabelChars)!),
            ["status"] = Attr.S(ItemLimits.Cap(step.Status, ItemLimits.LabelChars)!),
            ["at"] = Attr.Time(step.At),
        };
        if (step.Message is not null)
        {
            map["message"] = Attr.S(ItemLimits.Cap(step.Message, ItemLimits.SubStepMessageChars)!);
        }

        return Attr.Map(map);
    }

    public static PhaseRecord FromItem(Dictionary<string, AttributeValue> item) => new()
    {
        DeploymentId = item.RequireS("deploymentId"),
        Phase = item.RequireS("phase"),
        Status = Enum.Parse<PhaseStatus>(item.RequireS("status")),
        StartedAt = Attr.ParseIso(item.RequireS("startedAt")),
        EndedAt = item.GetTime("endedAt"),
        Attempt = (int)(item.GetN("attempt") ?? 1),
        Detail = item.GetStringMap("detail"),
        Instances = item.GetL("instances")?.Where(v => v.M is not null).Select(v => ReadInstance(v.M!)).ToList() ?? [],
        SubSteps = item.GetL("subSteps")?.Where(v => v.M is not null).Select(v => ReadSubStep(v.M!)).ToList() ?? [],
        Error = item.GetS("error"),
    };

    private static AttributeValue Instance(InstanceResult result, int tailChars)
    {
        var map = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            ["instanceId"] = Attr.S(result.InstanceId),
            ["status"] = Attr.S(result.Status),
            ["outputTail"] = Attr.S(tailChars == 0 ? "" : ItemLimits.CapTail(result.OutputTail, tailChars)),
        };
        if (result.ExitCode is { } code)
        {
            map["exitCode"] = Attr.N(code);
        }

        if (result.ReportedAt is { } at)
        {
            map["reportedAt"] = Attr.S(Attr.Iso(at));
        }

        return Attr.Map(map);
    }

    private static InstanceResult ReadInstance(Dictionary<string, AttributeValue> m) =>
        new(m.RequireS("instanceId"), m.RequireS("status"), m.GetN("exitCode") is { } c ? (int)c : null, m.GetS("outputTail") ?? "",
            m.GetS("reportedAt") is { } at ? Attr.ParseIso(at) : null);

    public static SubStep ReadSubStep(Dictionary<string, AttributeValue> m) =>
        new(m.RequireS("name"), m.RequireS("status"), Attr.ParseIso(m.RequireS("at")), m.GetS("message"));

    /// <summary>DynamoDB's own sizing: UTF-8 names and strings, numbers about their digits, a little per container.</summary>
    public static int EstimateBytes(Dictionary<string, AttributeValue> map) =>
        map.Sum(p => Encoding.UTF8.GetByteCount(p.Key) + EstimateBytes(p.Value));

    public static int EstimateBytes(AttributeValue value) => value switch
    {
        { S: not null } => Encoding.UTF8.GetByteCount(value.S),
        { N: not null } => value.N.Length,
        { M: not null } => 3 + EstimateBytes(value.M),
        { L: not null } => 3 + value.L.Sum(v => 1 + EstimateBytes(v)),
        { SS: not null } => value.SS.Sum(Encoding.UTF8.GetByteCount),
        _ => 1,
    };
}

using System.Globalization;
using Wso2Serverless.Domain.Ports;

namespace Wso2Serverless.Domain.Verification;

/// <summary>
/// The load balancer's word on a stack: healthy when every target group has targets and every
/// registered target is healthy. <see cref="Detail"/> holds one line per target group for the
/// phase record ("healthy 1/2 (HTTPS:9443/carbon/admin/login.jsp); i-0abc:9443 unhealthy
/// Target.FailedHealthChecks: …"); <see cref="Problems"/> one per unhealthy group.
/// </summary>
public sealed record TargetHealthVerdict(bool Healthy, IReadOnlyDictionary<string, string> Detail, IReadOnlyList<string> Problems)
{
    /// <summary>Phase detail keys of the target groups start with this.</summary>
    public const string DetailPrefix = "targets:";

    public static TargetHealthVerdict Judge(IReadOnlyList<TargetGroupHealth> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count == 0)
        {
            return new TargetHealthVerdict(false, new Dictionary<string, string>(StringComparer.Ordinal),
                ["the stack has no load balancer target groups, so there is no health to judge"]);
        }

        var detail = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var group in groups.OrderBy(g => g.LogicalId, StringComparer.Ordinal))
        {
            var healthy = group.Targets.Count(t => t.IsHealthy);
            var counts = string.Create(CultureInfo.InvariantCulture, $"healthy {healthy}/{group.Targets.Count}");
            var why = group.Targets.Count == 0
                ? ["no targets registered"]
                : group.Targets.Where(t => !t.IsHealthy).Select(Describe).ToList();
            detail[DetailPrefix + group.LogicalId] = why.Count == 0
                ? $"{counts} ({group.HealthCheck})"
                : $"{counts} ({group.HealthCheck}); {string.Join("; ", why)}";
            if (why.Count > 0)
            {
                problems.Add($"{group.LogicalId} {counts}: {string.Join("; ", why)}");
            }
        }

        return new TargetHealthVerdict(problems.Count == 0, detail, problems);
    }

    /// <summary>"i-0abc:9443 unhealthy Target.FailedHealthChecks: Health checks failed with these codes: [404]".</summary>
    private static string Describe(TargetHealthState target)
    {
        var id = target.Port is { } port ? string.Create(CultureInfo.InvariantCulture, $"{target.TargetId}:{port}") : target.TargetId;
        var reason = target.Reason ?? "no reason given";
        return string.IsNullOrWhiteSpace(target.Description)
            ? $"{id} {target.State} {reason}"
            : $"{id} {target.State} {reason}: {target.Description.Trim()}";
    }
}

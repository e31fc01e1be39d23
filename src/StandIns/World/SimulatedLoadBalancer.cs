using System.Globalization;
using System.Text.Json.Nodes;
using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Preflight;

namespace Wso2Serverless.StandIns.World;

/// <summary>
/// The product stack's Application Load Balancer, as ELB reports it: every target group the
/// template declares, with the instances of the Auto Scaling groups that list it registered.
/// Health follows the template's own health check (interval × healthy threshold): a target is
/// <c>initial</c> (Elb.InitialHealthChecking) just after its group registers it, <c>unhealthy</c>
/// (Target.FailedHealthChecks) while its product is not running, and <c>healthy</c> a threshold's
/// worth of checks after its role's Puppet run started the product. ELB sends no events for any
/// of this: Verify has to look.
/// </summary>
public sealed partial class SimulatedLoadBalancer(SimulatedWorld world) : IStackLoadBalancer
{
    private const string Service = "elasticloadbalancing";
    private readonly Lazy<IReadOnlyList<TargetGroupDefinition>> _groups = new(() => TargetGroupDefinition.Read(world.TemplatePath));

    public Task<IReadOnlyList<TargetGroupHealth>> DescribeTargetHealthAsync(string stackId, CancellationToken cancellationToken)
    {
        if (world.Throttles.Enter(Service, "DescribeTargetHealth"))
        {
            throw world.Throttles.AnswerLost(Service);
        }
        var now = world.Clock.UtcNow;
        lock (world.Gate)
        {
            var stack = world.AllStacks.FirstOrDefault(s => s.StackId == stackId || s.StackName == stackId);
            if (stack is null || stack.IsDeleted)
            {
                return Task.FromResult<IReadOnlyList<TargetGroupHealth>>([]);
            }

            var result = new List<TargetGroupHealth>();
            foreach (var group in _groups.Value)
            {
                var targets = world.Instances
                    .Where(i => i.StackId == stack.StackId && !i.Terminated && group.RegisteredBy.Contains(i.Tags.GetValueOrDefault("aws:cloudformation:logical-id") ?? ""))
                    .Select(i => Health(stack, group, i, now))
                    .ToList();
                result.Add(new TargetGroupHealth(group.LogicalId, Arn(stack, group), group.HealthCheck, targets));
            }

            return Task.FromResult<IReadOnlyList<TargetGroupHealth>>(result);
        }
    }

    private TargetHealthState Health(StackState stack, TargetGroupDefinition group, SimulatedInstance instance, DateTimeOffset now)
    {
        var node = instance.Tags.GetValueOrDefault("wso2:node") ?? instance.InstanceId;
        if (world.FaultsOf(stack).UnreachableTargetNodes.Contains(node))
        {
            return new(instance.InstanceId, group.Port, "unhealthy", "Target.Timeout", "Request timed out");
        }

        var registered = stack.Events.LastOrDefault(e => e.LogicalResourceId == instance.Tags.GetValueOrDefault("aws:cloudformation:logical-id") && e.ResourceStatus == "CREATE_COMPLETE")?.Timestamp;
        if (instance.ProductHealthyAt is { } up && now >= up + group.TimeToHealthy)
        {
            return new(instance.InstanceId, group.Port, "healthy", null, null);
        }

        return registered is { } at && now < at + group.TimeToHealthy
            ? new(instance.InstanceId, group.Port, "initial", "Elb.InitialHealthChecking", "Initial health checks in progress")
            : new(instance.InstanceId, group.Port, "unhealthy", "Target.FailedHealthChecks", "Health checks failed");
    }

    /// <summary>Target group names are at most 32 characters; CloudFormation derives them from the stack and logical id.</summary>
    private static string Arn(StackState stack, TargetGroupDefinition group)
    {
        var name = $"{stack.StackName}-{group.LogicalId}";
        return $"arn:aws:elasticloadbalancing:{SimulatedWorld.Region}:{SimulatedWorld.Account}:targetgroup/{name[..Math.Min(32, name.Length)]}/{stack.StackId[^12..]}";
    }

    /// <summary>A target group of the template, who registers with it, and how long a target takes to turn healthy.</summary>
    private sealed record TargetGroupDefinition(string LogicalId, int? Port, string HealthCheck, TimeSpan TimeToHealthy, IReadOnlySet<string> RegisteredBy)
    {
        public static List<TargetGroupDefinition> Read(string templatePath)
        {
            var template = TemplateDocument.Parse(File.ReadAllText(templatePath));
            var registrations = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var (logicalId, node) in template.Resources)
            {
                if (node?["Type"]?.GetValue<string>() == "AWS::AutoScaling::AutoScalingGroup" && node["Properties"]?["TargetGroupARNs"] is JsonArray groups)
                {
                    foreach (var reference in groups.OfType<JsonObject>().Select(g => g["Ref"]?.GetValue<string>()).OfType<string>())
                    {
                        (registrations.TryGetValue(reference, out var set) ? set : registrations[reference] = new(StringComparer.Ordinal)).Add(logicalId);
                    }
                }
            }

            var result = new List<TargetGroupDefinition>();
            foreach (var (logicalId, node) in template.Resources)
            {
                if (node?["Type"]?.GetValue<string>() != "AWS::ElasticLoadBalancingV2::TargetGroup" || node["Properties"] is not JsonObject p)
                {
                    continue;
                }

                var interval = Number(p, "HealthCheckIntervalSeconds") ?? 30;
                var threshold = Number(p, "HealthyThresholdCount") ?? 5;
                var check = $"{Text(p, "HealthCheckProtocol") ?? Text(p, "Protocol")}:{Text(p, "HealthCheckPort") ?? Text(p, "Port")}{Text(p, "HealthCheckPath")}";
                result.Add(new(logicalId, Number(p, "Port"), check, TimeSpan.FromSeconds(interval * threshold),
                    registrations.TryGetValue(logicalId, out var by) ? by : new HashSet<string>(StringComparer.Ordinal)));
            }

            return result;
        }

        private static string? Text(JsonObject o, string name) => TemplateEvaluator.Text(o[name] as JsonValue);

        private static int? Number(JsonObject o, string name) => int.TryParse(Text(o, name), CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}

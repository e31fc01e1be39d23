using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Wso2Serverless.Templates.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Wso2Serverless.Templates.Tests.ServerlessTemplate;

/// <summary>
/// #11 "the stack role cannot delete what it creates": CloudFormation's registry schemas
/// (../shared/reference/cfn-resource-schemas, <c>handlers.*.permissions</c>) say what it needs from
/// the role it runs as to create, read and delete each resource type. The stack role grants each
/// permission of the types templates/pattern-1.yaml uses, except those of features the template
/// does not use, each listed here with the property that would need it (and which this test
/// checks is absent). Nothing else is granted.
/// </summary>
public sealed class StackRoleCoverageTests
{
    private static readonly string[] Handlers = ["create", "read", "delete"];

    /// <summary>A schema permission the stack role does not hold, why, and the properties whose absence makes it so.</summary>
    private sealed record Skip(string Type, string Permission, string Reason, params string[] AbsentProperties);

    private static readonly Skip[] Skips =
    [
        new("AWS::AutoScaling::AutoScalingGroup", "autoscaling:EnableMetricsCollection", "no group metrics are collected", "MetricsCollection"),
        new("AWS::AutoScaling::AutoScalingGroup", "autoscaling:PutNotificationConfiguration", "the groups send no SNS notifications", "NotificationConfigurations", "NotificationConfiguration"),
        new("AWS::AutoScaling::AutoScalingGroup", "cloudwatch:PutMetricAlarm", "the groups have no scaling policies (each is fixed at one node)", "MixedInstancesPolicy"),
        new("AWS::AutoScaling::AutoScalingGroup", "ec2:Get*", "no attribute-based instance types (instance requirements of a mixed instances policy)", "MixedInstancesPolicy"),
        new("AWS::AutoScaling::AutoScalingGroup", "ssm:Get*", "the launch templates name AMI ids (parameter or mapping), never a resolve:ssm: parameter, which would also let CloudFormation read any parameter"),
        new("AWS::AutoScaling::AutoScalingGroup", "managed-fleets:CreateAutoScalingGroup", "no managed fleet; the groups are plain launch-template groups", "ManagedFleet"),
        new("AWS::AutoScaling::AutoScalingGroup", "managed-fleets:UpdateAutoScalingGroup", "no managed fleet", "ManagedFleet"),
        new("AWS::AutoScaling::AutoScalingGroup", "managed-fleets:DeleteAutoScalingGroup", "no managed fleet", "ManagedFleet"),
        new("AWS::AutoScaling::AutoScalingGroup", "managed-fleets:Get*", "no managed fleet", "ManagedFleet"),
        new("AWS::AutoScaling::AutoScalingGroup", "vpc-lattice:RegisterTargets", "targets are load balancer target groups, not VPC Lattice", "TrafficSources"),
        new("AWS::AutoScaling::AutoScalingGroup", "vpc-lattice:DeregisterTargets", "no VPC Lattice traffic source", "TrafficSources"),
        new("AWS::AutoScaling::AutoScalingGroup", "vpc-lattice:GetTargetGroup", "no VPC Lattice traffic source", "TrafficSources"),
        new("AWS::AutoScaling::AutoScalingGroup", "vpc-lattice:ListTargets", "no VPC Lattice traffic source", "TrafficSources"),
        new("AWS::EC2::Instance", "ec2:AttachVolume", "no extra volumes (the launch template's block device mapping)", "Volumes"),
        new("AWS::EC2::Instance", "ec2:DetachVolume", "no extra volumes", "Volumes"),
        new("AWS::EC2::Instance", "ec2:AssociateIamInstanceProfile", "the instance profile comes with the launch template (RunInstances), not as an instance property", "IamInstanceProfile"),
        new("AWS::EC2::Instance", "ec2:DisassociateIamInstanceProfile", "no instance profile property to change", "IamInstanceProfile"),
        new("AWS::EC2::Instance", "ec2:ReplaceIamInstanceProfileAssociation", "no instance profile property to change", "IamInstanceProfile"),
        new("AWS::EC2::Instance", "ec2:ModifyInstanceCreditSpecification", "no credit specification", "CreditSpecification"),
        new("AWS::EC2::Instance", "ec2:ModifyInstancePlacement", "no placement (host, affinity, tenancy)", "Affinity", "HostId", "HostResourceGroupArn", "Tenancy"),
        new("AWS::EC2::Instance", "ec2:ModifyPrivateDnsNameOptions", "no private DNS name options", "PrivateDnsNameOptions"),
        new("AWS::EC2::Instance", "ec2:MonitorInstances", "no detailed monitoring", "Monitoring"),
        new("AWS::EC2::Instance", "ssm:CreateAssociation", "no State Manager associations (the orchestrator sends commands)", "SsmAssociations"),
        new("AWS::ElasticLoadBalancingV2::LoadBalancer", "elasticloadbalancing:ModifyCapacityReservation", "no reserved load balancer capacity", "MinimumLoadBalancerCapacity"),
        new("AWS::ElasticLoadBalancingV2::Listener", "cognito-idp:DescribeUserPoolClient", "no authenticate-cognito actions: every listener forwards"),
        new("AWS::ElasticLoadBalancingV2::Listener", "elasticloadbalancing:ModifyListenerAttributes", "no listener attributes", "ListenerAttributes"),
        new("AWS::ElasticLoadBalancingV2::TargetGroup", "elasticloadbalancing:RegisterTargets", "the groups register their instances (Auto Scaling's own role); no static targets", "Targets"),
        new("AWS::IAM::Role", "iam:AttachRolePolicy", "no managed policy is attached: the allow-list is empty, the roles' statements are inline", "ManagedPolicyArns"),
        new("AWS::IAM::Role", "iam:DetachRolePolicy", "nothing can be attached, so nothing is detached", "ManagedPolicyArns"),
    ];

    private static YamlMappingNode ProductResources { get; } = Yaml.Load(Repo.OurTemplate).Map("Resources");

    private static IEnumerable<(string Id, YamlNode Resource)> OfType(string type) =>
        ProductResources.Entries().Where(r => r.Value.Get("Type").Text() == type);

    private static IReadOnlyList<string> Types { get; } = [.. ProductResources.Entries().Select(r => r.Value.Get("Type").Text()!).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Every permission the create, read and delete handlers of the template's types list, with who needs it.</summary>
    private static Dictionary<string, List<string>> Needed()
    {
        var needed = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in Types)
        {
            var schema = JsonNode.Parse(File.ReadAllText(SchemaPath(type)))!;
            foreach (var handler in Handlers)
            {
                foreach (var permission in ServerlessTemplateFile.Strings(schema["handlers"]?[handler]?["permissions"]))
                {
                    (needed.TryGetValue(permission, out var by) ? by : needed[permission] = []).Add($"{type} {handler}");
                }
            }
        }

        return needed;
    }

    private static string SchemaPath(string type) =>
        Path.GetFullPath(Path.Combine(Repo.Root, "..", "shared", "reference", "cfn-resource-schemas", type.Replace("::", "_", StringComparison.Ordinal) + ".json"));

    private static IReadOnlyList<string> Granted { get; } =
        [.. ServerlessTemplateFile.Resources["StackRole"]!["Properties"]!["Policies"]!.AsArray()
            .SelectMany(p => p!["PolicyDocument"]!["Statement"]!.AsArray())
            .SelectMany(s => ServerlessTemplateFile.Strings(s!["Action"]))];

    /// <summary>An IAM action pattern (with * wildcards) against an action, case-insensitively, either way round.</summary>
    private static bool Matches(string a, string b) => Glob(a).IsMatch(b) || Glob(b).IsMatch(a);

    private static Regex Glob(string pattern) => new("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    [Fact]
    public void TheTemplatesTypes_AllHaveARegistrySchema()
    {
        Types.Should().HaveCountGreaterThan(5);
        Types.Should().OnlyContain(t => File.Exists(SchemaPath(t)), "every resource type of pattern-1.yaml is checked against its handlers");
    }

    [Fact]
    public void EveryHandlerPermission_IsGranted_OrSkippedWithItsReason()
    {
        var missing = Needed()
            .Where(n => !Granted.Any(g => Matches(g, n.Key)) && !Skips.Any(s => string.Equals(s.Permission, n.Key, StringComparison.OrdinalIgnoreCase)))
            .Select(n => $"{n.Key} ({string.Join(", ", n.Value)})")
            .ToList();

        missing.Should().BeEmpty("CloudFormation would fail the create, read or delete without them");
    }

    [Fact]
    public void EverySkip_IsNeededByItsType_NotGranted_AndItsFeatureIsAbsent()
    {
        var needed = Needed();
        foreach (var skip in Skips)
        {
            skip.Reason.Should().NotBeNullOrWhiteSpace();
            needed.Should().ContainKey(skip.Permission, $"{skip.Permission} is a handler permission of {skip.Type}");
            needed[skip.Permission].Should().Contain(n => n.StartsWith(skip.Type + " ", StringComparison.Ordinal));
            Granted.Should().NotContain(g => Matches(g, skip.Permission), $"{skip.Permission} is skipped, not granted");
            foreach (var (id, resource) in OfType(skip.Type))
            {
                foreach (var property in skip.AbsentProperties)
                {
                    resource.Get("Properties")?.Get(property).Should().BeNull($"{id} would need {skip.Permission} for {property}");
                }
            }
        }
    }

    [Fact]
    public void TheSkippedFeaturesWithoutAProperty_AreAbsentToo()
    {
        // Listeners only forward; no launch template resolves an SSM parameter for its image.
        OfType("AWS::ElasticLoadBalancingV2::Listener").SelectMany(l => ((YamlSequenceNode)l.Resource.Get("Properties")!.Get("DefaultActions")!).Children)
            .Select(a => a.Get("Type").Text()).Should().OnlyContain(t => t == "forward");
        File.ReadAllText(Repo.OurTemplate).Should().NotContain("resolve:ssm");
    }

    [Fact]
    public void NothingIsGranted_ThatNoHandlerOfTheTemplatesTypesNeeds()
    {
        var needed = Needed();

        Granted.Where(g => !needed.Keys.Any(n => Matches(g, n))).Should().BeEmpty("the stack role holds nothing pattern-1.yaml's resources do not use");
    }
}

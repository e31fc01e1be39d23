using System.Text.Json.Nodes;

namespace Wso2Serverless.Templates.Tests.ServerlessTemplate;

/// <summary>
/// #11 "privilege escalation": the stack role creates and changes roles only under the product
/// boundary, attaches no managed policy, passes roles to EC2 only, and changes or deletes only
/// resources tagged with an environment (where the service supports tag conditions; the rest is
/// named in docs/security.md). iam-simulate evaluates the same statements in the evaluator tests.
/// </summary>
public sealed class StackRoleTests
{
    private static readonly string[] RoleWrites = ["iam:CreateRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:DeleteRole"];

    private static IReadOnlyList<JsonObject> Statements { get; } =
        [.. ServerlessTemplateFile.Statements().Where(s => s.Where == "StackRole").Select(s => s.Statement)];

    private static IEnumerable<JsonObject> Granting(string action) =>
        Statements.Where(s => ServerlessTemplateFile.Strings(s["Action"]).Contains(action));

    [Fact]
    public void RolesAreWrittenOnlyUnderTheProductBoundary()
    {
        foreach (var action in RoleWrites)
        {
            Granting(action).Should().ContainSingle(action).Which["Condition"]!["StringEquals"]!["iam:PermissionsBoundary"]!["Ref"]!
                .GetValue<string>().Should().Be("ProductBoundary", $"{action} needs the boundary on the role");
        }

        ((string?)ServerlessTemplateFile.Resources["ProductBoundary"]!["Type"]).Should().Be("AWS::IAM::ManagedPolicy");
        ServerlessTemplateFile.Template["Globals"]!["Function"]!["Environment"]!["Variables"]!["PERMISSIONS_BOUNDARY_ARN"]!["Ref"]!
            .GetValue<string>().Should().Be("ProductBoundary", "CreateStack passes it as PermissionsBoundaryArn");
    }

    [Theory]
    [InlineData("iam:AttachRolePolicy")]
    [InlineData("iam:DetachRolePolicy")]
    [InlineData("iam:PutRolePermissionsBoundary")]
    [InlineData("iam:DeleteRolePermissionsBoundary")]
    [InlineData("iam:UpdateAssumeRolePolicy")]
    [InlineData("iam:CreateUser")]
    [InlineData("iam:CreatePolicy")]
    public void NothingElseThatWidensARole_IsGranted(string action) => Granting(action).Should().BeEmpty();

    [Fact]
    public void RolesArePassedToEc2Only()
    {
        var pass = Granting("iam:PassRole").Should().ContainSingle().Subject;

        ((string?)pass["Condition"]!["StringEquals"]!["iam:PassedToService"]).Should().Be("ec2.amazonaws.com");
        pass["Resource"]!.ToJsonString().Should().Contain("role/${StackNamePrefix}*");
    }

    [Theory]
    [InlineData("ec2:TerminateInstances")]
    [InlineData("ec2:DeleteSecurityGroup")]
    [InlineData("ec2:RevokeSecurityGroupIngress")]
    [InlineData("ec2:DeleteLaunchTemplate")]
    [InlineData("ec2:DeleteTags")]
    [InlineData("autoscaling:DeleteAutoScalingGroup")]
    [InlineData("autoscaling:UpdateAutoScalingGroup")]
    [InlineData("elasticloadbalancing:DeleteLoadBalancer")]
    [InlineData("elasticloadbalancing:DeleteTargetGroup")]
    [InlineData("elasticloadbalancing:DeleteListener")]
    [InlineData("elasticloadbalancing:ModifyLoadBalancerAttributes")]
    public void DestructiveActions_ReachOnlyEnvironmentTaggedResources(string action)
    {
        foreach (var statement in Granting(action))
        {
            ((string?)statement["Condition"]?["StringLike"]?["aws:ResourceTag/wso2:environment"]).Should().Be("?*", $"{action} ({statement["Sid"]})");
        }

        Granting(action).Should().NotBeEmpty();
    }

    [Fact]
    public void TagsAreAddedOnlyAsResourcesAreCreated()
    {
        Granting("ec2:CreateTags").Should().ContainSingle().Which["Condition"]!["StringEquals"]!["ec2:CreateAction"].Should().NotBeNull();
        Granting("elasticloadbalancing:AddTags").Should().ContainSingle().Which["Condition"]!["StringEquals"]!["elasticloadbalancing:CreateAction"].Should().NotBeNull();
    }

    [Theory]
    [InlineData("ssm:GetParameter")]
    [InlineData("ssm:GetParameters")]
    [InlineData("s3:GetObject")]
    [InlineData("logs:DeleteLogGroup")]
    public void GrantsNoProductTemplateUses_AreGone(string action) => Granting(action).Should().BeEmpty();

    [Fact]
    public void StackNamePrefix_DoesNotCoverTheOrchestratorsOwnStackOrRoles()
    {
        var prefix = (string)ServerlessTemplateFile.Template["Parameters"]!["StackNamePrefix"]!["Default"]!;

        "wso2-orchestrator".StartsWith(prefix, StringComparison.Ordinal).Should().BeFalse("the documented stack name (docs/deploy.md)");
        "wso2-orchestrator-StackRole-1A2B3C".StartsWith(prefix, StringComparison.Ordinal).Should().BeFalse("its roles are named after it");
        File.ReadAllText(Path.Combine(Support.Repo.Root, "docs", "deploy.md")).Should().Contain("--stack-name wso2-orchestrator ");
    }
}

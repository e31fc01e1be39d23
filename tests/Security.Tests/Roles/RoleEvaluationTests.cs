using System.Text.Json.Nodes;
using Wso2Serverless.Security.Tests.Support;

namespace Wso2Serverless.Security.Tests.Roles;

/// <summary>The stack role and pattern-1's roles, resolved for one account and evaluated by iam-simulate.</summary>
public sealed class ResolvedRoles : IAsyncLifetime
{
    public const string Account = "123456789012";
    public const string Region = "eu-west-1";

    public EffectiveIam Iam { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Iam = await EffectiveIam.ResolveAsync(new IamProfile(Account, Region, "wso2-orchestrator")
        {
            Parameters = new() { ["TemplateBucketName"] = "wso2-templates", ["DatabaseDocumentName"] = "wso2-db", ["AgentDocumentName"] = "wso2-agent" },
            Product = ("wso2-env-dev", new() { ["EnvironmentName"] = "dev", ["DeploymentId"] = "d-1", ["DBPasswordParameterName"] = "/wso2/dev/db-password" }),
        });

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// #11 "privilege escalation" and "forged signals", evaluated: what the stack role may do with roles
/// and with other resources, and what pattern-1's instances may do, under iam-simulate with the
/// template's IAM after the SAM transform. Each case that must be refused was allowed at a142b18.
/// </summary>
public sealed class RoleEvaluationTests(ResolvedRoles roles) : IClassFixture<ResolvedRoles>
{
    private const string A = ResolvedRoles.Account;
    private const string R = ResolvedRoles.Region;
    private static readonly string ProductRole = $"arn:aws:iam::{A}:role/wso2-env-dev-PuppetMasterRole-1A2B";

    private string Boundary => (string)roles.Iam.Json["boundary"]!["arn"]!;

    private static Dictionary<string, IReadOnlyList<string>> Context(params (string Key, string Value)[] pairs) =>
        pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(p => p.Value)]);

    private async Task<string> AsStackRole(string action, string resource, params (string, string)[] context) =>
        (await IamEvaluator.EvaluateAsync(roles.Iam, [("stack", "StackRole", action, resource, Context(context), "case")])).Single().Result;

    private async Task<string> AsProductRole(string role, string action, string resource, params (string, string)[] context) =>
        (await IamEvaluator.EvaluateAsync(roles.Iam, [("product", role, action, resource, Context(context), "case")])).Single().Result;

    [Fact]
    public async Task TheStackRole_CreatesAndChangesProductRolesOnlyUnderTheBoundary()
    {
        (await AsStackRole("iam:CreateRole", ProductRole, ("iam:PermissionsBoundary", Boundary))).Should().Be("Allowed");
        (await AsStackRole("iam:PutRolePolicy", ProductRole, ("iam:PermissionsBoundary", Boundary))).Should().Be("Allowed");
        (await AsStackRole("iam:DeleteRole", ProductRole, ("iam:PermissionsBoundary", Boundary))).Should().Be("Allowed");
        (await AsStackRole("iam:CreateRole", ProductRole)).Should().Be("ImplicitlyDenied", "a role without the boundary");
        (await AsStackRole("iam:CreateRole", ProductRole, ("iam:PermissionsBoundary", $"arn:aws:iam::{A}:policy/Anything"))).Should().Be("ImplicitlyDenied");
        (await AsStackRole("iam:PutRolePolicy", $"arn:aws:iam::{A}:role/wso2-orchestrator-StackRole-1A2B")).Should().Be("ImplicitlyDenied", "the orchestrator's own roles");
    }

    [Theory]
    [InlineData("iam:AttachRolePolicy")]
    [InlineData("iam:PutRolePermissionsBoundary")]
    [InlineData("iam:DeleteRolePermissionsBoundary")]
    [InlineData("iam:UpdateAssumeRolePolicy")]
    public async Task TheStackRole_CannotWidenAProductRole(string action) =>
        (await AsStackRole(action, ProductRole, ("iam:PermissionsBoundary", Boundary), ("iam:PolicyARN", "arn:aws:iam::aws:policy/AdministratorAccess"))).Should().Be("ImplicitlyDenied");

    [Fact]
    public async Task TheStackRole_PassesProductRolesToEc2Only()
    {
        (await AsStackRole("iam:PassRole", ProductRole, ("iam:PassedToService", "ec2.amazonaws.com"))).Should().Be("Allowed");
        (await AsStackRole("iam:PassRole", ProductRole, ("iam:PassedToService", "lambda.amazonaws.com"))).Should().Be("ImplicitlyDenied");
        (await AsStackRole("iam:PassRole", $"arn:aws:iam::{A}:role/wso2-orchestrator-ApiFunctionRole-1A2B", ("iam:PassedToService", "ec2.amazonaws.com"))).Should().Be("ImplicitlyDenied");
    }

    [Theory]
    [InlineData("ec2:TerminateInstances", "arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0")]
    [InlineData("ec2:DeleteSecurityGroup", "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0123456789abcdef0")]
    [InlineData("ec2:RevokeSecurityGroupIngress", "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0123456789abcdef0")]
    [InlineData("ec2:DeleteLaunchTemplate", "arn:aws:ec2:eu-west-1:123456789012:launch-template/lt-0123456789abcdef0")]
    [InlineData("autoscaling:DeleteAutoScalingGroup", "arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:1a2b3c4d-0000-0000-0000-000000000000:autoScalingGroupName/wso2-env-dev-ApimNode1Group-1A2B")]
    [InlineData("elasticloadbalancing:DeleteLoadBalancer", "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/wso2-env-dev-alb/0123456789abcdef")]
    [InlineData("elasticloadbalancing:DeleteTargetGroup", "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/wso2-env-dev-apim/0123456789abcdef")]
    [InlineData("elasticloadbalancing:DeleteListener", "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/wso2-env-dev-alb/0123456789abcdef/0123456789abcdef")]
    public async Task TheStackRole_DestroysOnlyEnvironmentTaggedResources(string action, string resource)
    {
        (await AsStackRole(action, resource, ("aws:ResourceTag/wso2:environment", "dev"))).Should().Be("Allowed");
        (await AsStackRole(action, resource)).Should().Be("ImplicitlyDenied", "a resource of no environment");
    }

    [Fact]
    public async Task TheStackRole_TagsEc2ResourcesOnlyAsTheyAreCreated()
    {
        var instance = $"arn:aws:ec2:{R}:{A}:instance/i-0123456789abcdef0";
        (await AsStackRole("ec2:CreateTags", instance, ("ec2:CreateAction", "RunInstances"), ("aws:RequestTag/wso2:environment", "dev"))).Should().Be("Allowed");
        (await AsStackRole("ec2:CreateTags", instance, ("aws:RequestTag/wso2:environment", "dev"))).Should().Be("ImplicitlyDenied", "tagging a foreign instance would make it deletable");
    }

    [Theory]
    [InlineData("ssm:GetParameter", "arn:aws:ssm:eu-west-1:123456789012:parameter/wso2/dev/db-password")]
    [InlineData("s3:GetObject", "arn:aws:s3:::wso2-templates/templates/pattern-1.yaml")]
    [InlineData("logs:DeleteLogGroup", "arn:aws:logs:eu-west-1:123456789012:log-group:anything:*")]
    public async Task TheStackRole_HoldsNothingTheProductTemplateDoesNotUse(string action, string resource) =>
        (await AsStackRole(action, resource)).Should().Be("ImplicitlyDenied");

    [Fact]
    public async Task APuppetMaster_PutsOnlyItsOwnEnvironmentsSignals()
    {
        var bus = $"arn:aws:events:{R}:{A}:event-bus/default";
        (await AsProductRole("PuppetMasterRole", "events:PutEvents", bus, ("events:source", "wso2.orchestrator.dev"), ("events:detail-type", "Puppet Master Signal"))).Should().Be("Allowed");
        (await AsProductRole("PuppetMasterRole", "events:PutEvents", bus, ("events:source", "wso2.orchestrator.qa"), ("events:detail-type", "Puppet Master Signal"))).Should().Be("ImplicitlyDenied", "another environment's source");
        (await AsProductRole("PuppetMasterRole", "events:PutEvents", bus, ("events:source", "wso2.orchestrator.dev"), ("events:source", "wso2.orchestrator.qa"), ("events:detail-type", "Puppet Master Signal")))
            .Should().Be("ImplicitlyDenied", "one entry of a batch under another source");
        (await AsProductRole("ProductNodeRole", "events:PutEvents", bus, ("events:source", "wso2.orchestrator.dev"), ("events:detail-type", "Puppet Master Signal"))).Should().Be("ImplicitlyDenied");
    }

    [Fact]
    public async Task OnlyThePuppetMaster_ReadsOnlyItsOwnPassword()
    {
        (await AsProductRole("PuppetMasterRole", "ssm:GetParameter", $"arn:aws:ssm:{R}:{A}:parameter/wso2/dev/db-password")).Should().Be("Allowed");
        (await AsProductRole("PuppetMasterRole", "ssm:GetParameter", $"arn:aws:ssm:{R}:{A}:parameter/wso2/qa/db-password")).Should().Be("ImplicitlyDenied");
        (await AsProductRole("ProductNodeRole", "ssm:GetParameter", $"arn:aws:ssm:{R}:{A}:parameter/wso2/dev/db-password")).Should().Be("ImplicitlyDenied", "AmazonSSMManagedInstanceCore is gone");
    }

    [Fact]
    public async Task EveryActionPattern1sRolesGrant_IsWithinTheBoundary()
    {
        var requests = new List<(string, string, string, string, IReadOnlyDictionary<string, IReadOnlyList<string>>, string)>();
        foreach (var (role, node) in roles.Iam.Json["productRoles"]!.AsObject())
        {
            foreach (var statement in node!["policies"]!.AsArray().SelectMany(p => p!["policy"]!["Statement"]!.AsArray()))
            {
                var actions = statement!["Action"] is JsonArray list ? list.Select(a => (string)a!) : [(string)statement["Action"]!];
                var resource = statement["Resource"] is JsonArray resources ? (string)resources[0]! : (string)statement["Resource"]!;
                // The request each statement is written for: its own condition values as the context.
                var context = new Dictionary<string, IReadOnlyList<string>>();
                foreach (var (op, keys) in statement["Condition"]?.AsObject() ?? [])
                {
                    foreach (var (key, value) in op == "Null" ? [] : keys!.AsObject())
                    {
                        context[key] = [(string)value!];
                    }
                }

                requests.AddRange(actions.Select(a => ("product", role, a, resource, (IReadOnlyDictionary<string, IReadOnlyList<string>>)context, "role statement")));
            }
        }

        var decisions = await IamEvaluator.EvaluateAsync(roles.Iam, requests);
        decisions.Should().HaveCountGreaterThan(15);
        decisions.Where(d => !d.Allowed).Select(d => d.ToString()).Should().BeEmpty("the boundary allows all the roles themselves grant");
    }
}

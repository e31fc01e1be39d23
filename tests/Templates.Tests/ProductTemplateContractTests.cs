using System.Text.RegularExpressions;
using Wso2Serverless.Domain.Model;
using Wso2Serverless.Domain.Signals;
using Wso2Serverless.StandIns.Templates;
using Wso2Serverless.Templates.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Wso2Serverless.Templates.Tests;

/// <summary>What the orchestrator relies on in pattern-1.yaml: tags, roles, signals, names, secrets.</summary>
public sealed class ProductTemplateContractTests
{
    private static readonly YamlMappingNode Template = Yaml.Load(Repo.OurTemplate);
    private static readonly List<(string Key, YamlNode Value)> Resources = Template.Map("Resources").Entries().ToList();

    private static YamlNode Resource(string logicalId) => Resources.Single(r => r.Key == logicalId).Value;

    private static IEnumerable<(string Key, YamlNode Value)> OfType(string type) => Resources.Where(r => r.Value.Get("Type").Text() == type);

    /// <summary>The shell of a user data block: Fn::Base64 over !Sub, in its string or [string, variables] form.</summary>
    private static string UserData(YamlNode userData)
    {
        var sub = userData.Get("Fn::Base64")!;
        sub.Tag.Value.Should().Be("!Sub");
        return sub is YamlSequenceNode list ? list.Children[0].Text()! : sub.Text()!;
    }

    private static string PuppetMasterUserData => UserData(Resource("PuppetMaster").Get("Properties")!.Get("UserData")!);

    private static IEnumerable<string> AgentUserData => OfType("AWS::EC2::LaunchTemplate")
        .Where(r => r.Key != "PuppetMasterLaunchTemplate")
        .Select(r => UserData(r.Value.Get("Properties")!.Get("LaunchTemplateData")!.Get("UserData")!));

    private static Dictionary<string, YamlNode> Tags(YamlNode resource) =>
        ((YamlSequenceNode)resource.Get("Properties")!.Get("Tags")!).Children.ToDictionary(t => t.Get("Key").Text()!, t => t);

    [Fact]
    public void Instances_CarryEnvironmentDeploymentAndRoleTags_FromTheDomainConstants()
    {
        var tagged = OfType("AWS::EC2::Instance").Concat(OfType("AWS::AutoScaling::AutoScalingGroup")).ToList();
        tagged.Should().HaveCount(4, "Puppet Master, two API Manager groups, one Micro Integrator group");

        var roles = new List<string>();
        foreach (var (id, resource) in tagged)
        {
            var tags = Tags(resource);
            tags.Should().ContainKeys([ResourceTags.Environment, ResourceTags.DeploymentId, ResourceTags.Role], id);
            tags[ResourceTags.Environment].Get("Value")!.Text().Should().Be("EnvironmentName");
            tags[ResourceTags.Environment].Get("Value")!.Tag.Value.Should().Be("!Ref");
            tags[ResourceTags.DeploymentId].Get("Value")!.Text().Should().Be("DeploymentId");
            roles.Add(tags[ResourceTags.Role].Get("Value").Text()!);
            if (resource.Get("Type").Text() == "AWS::AutoScaling::AutoScalingGroup")
            {
                tags.Values.Should().OnlyContain(t => t.Get("PropagateAtLaunch").Text() == "true", $"{id}'s instances carry the tags");
            }
        }

        roles.Should().BeEquivalentTo([AgentRoles.PuppetMaster, AgentRoles.ApiManager, AgentRoles.ApiManager, AgentRoles.MicroIntegrator]);
        roles.Distinct().Should().Contain(AgentRoles.Agents);
    }

    [Fact]
    public void PuppetMaster_SendsSignalsOfTheDomainContract()
    {
        var script = PuppetMasterUserData;

        // One place names the event source: the environment's own (#11), the one its role may put.
        Regex.Matches(script, "^EVENT_SOURCE='([^']+)'$", RegexOptions.Multiline).Select(m => m.Groups[1].Value)
            .Should().Equal(SignalSource);
        Regex.Count(script, Regex.Escape(PuppetMasterSignal.SourcePrefix)).Should().Be(1);
        script.Should().Contain($"\"DetailType\": \"{PuppetMasterSignal.DetailType}\"");
        script.Should().Contain("aws events put-events");
        script.Should().Contain($"signal_retrying {PuppetMasterSignal.Failed} \"$stage\"");
        script.Should().MatchRegex(@"trap 'on_error \$\? \$LINENO' ERR");
        // "start" only names failures before the first real stage.
        var stages = Regex.Matches(script, "^stage=([a-z-]+)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).Where(s => s != "start").ToList();
        stages.Should().HaveCountGreaterThanOrEqualTo(5).And.OnlyHaveUniqueItems();
        Regex.Count(script, "^progress ", RegexOptions.Multiline).Should().Be(stages.Count - 1, "every stage but the last ends with PROGRESS");
        script.Should().Contain($"signal_retrying {PuppetMasterSignal.Ready} ");
        script.Should().Contain($"signal {PuppetMasterSignal.Progress} ");
    }

    [Fact]
    public void PuppetMaster_HasNoCreationPolicy_AndDoesNotRunTheDatabaseScripts()
    {
        Resource("PuppetMaster").Get("CreationPolicy").Should().BeNull("readiness is the READY signal, not cfn-signal");
        PuppetMasterUserData.Should().NotContain("cfn-signal").And.NotContain("provision_db").And.NotContain("mysql ");
    }

    [Fact]
    public void Agents_DoNotRunPuppetAtBoot_AndSignalTheirBootstrap()
    {
        AgentUserData.Should().HaveCount(2);
        foreach (var script in AgentUserData)
        {
            script.Should().NotContain("puppet agent");
            script.Should().Contain("systemctl disable --now puppet");
            script.Should().Contain("cfn-signal");
            script.Should().NotContain("sleep 1");
        }

        foreach (var (id, group) in OfType("AWS::AutoScaling::AutoScalingGroup"))
        {
            group.Get("CreationPolicy").Should().NotBeNull(id);
            group.Get("Properties")!.Get("LaunchTemplate").Should().NotBeNull($"{id} uses a launch template");
        }

        OfType("AWS::AutoScaling::LaunchConfiguration").Should().BeEmpty();
    }

    [Fact]
    public void Parameters_NoSecretHasADefault_AndNoAccessKeysExist()
    {
        var parameters = LocalTemplateSummary.ReadFile(Repo.OurTemplate).Parameters;
        var secretLike = new Regex("password|secret|access.?key|credential", RegexOptions.IgnoreCase);

        parameters.Where(p => secretLike.IsMatch(p.Name)).Should().OnlyContain(p => p.DefaultValue == null);
        parameters.Should().NotContain(p => Regex.IsMatch(p.Name, "access.?key", RegexOptions.IgnoreCase));
        parameters.Should().NotContain(p => p.NoEcho, "no secret value is a parameter at all");
        parameters.Select(p => p.Name).Should().Contain(["EnvironmentName", "DeploymentId", "DBPasswordParameterName"]);
    }

    [Fact]
    public void Secrets_NeverAppearInUserDataOrOutputs()
    {
        var everything = File.ReadAllText(Repo.OurTemplate);
        everything.Should().NotMatchRegex(@"\$\{DBPassword\}").And.NotContain("CF_DB_PASSWORD/${");
        // The password is fetched into a variable and handed to sed as a script file.
        PuppetMasterUserData.Should().Contain("sed -i -f \"$work/password.sed\"");
        PuppetMasterUserData.Should().NotContain("-p$password").And.NotContain("--password");
        Template.Map("Outputs").Entries().Select(o => o.Value.Get("Value")!.Text())
            .Should().NotContain(v => v != null && v.Contains("Password}", StringComparison.Ordinal));
    }

    [Fact]
    public void Names_AllDeriveFromTheStackName()
    {
        string[] namingProperties = ["Name", "LaunchTemplateName", "RoleName", "GroupName", "InstanceProfileName", "DocumentName", "TopicName"];
        var checkedNames = 0;
        foreach (var (id, resource) in Resources)
        {
            var properties = resource.Get("Properties");
            foreach (var property in namingProperties)
            {
                if (properties?.Get(property) is { } name)
                {
                    name.Tag.Value.Should().Be("!Sub", $"{id}.{property} is derived, not fixed");
                    name.Text().Should().StartWith("${AWS::StackName}-", $"{id}.{property}");
                    checkedNames++;
                }
            }

            if (properties?.Get("Tags") is YamlSequenceNode tags)
            {
                foreach (var tag in tags.Children.Where(t => t.Get("Key").Text() == "Name"))
                {
                    tag.Get("Value")!.Text().Should().StartWith("${AWS::StackName}-", $"{id}'s Name tag");
                    checkedNames++;
                }
            }
        }

        checkedNames.Should().BeGreaterThan(10);
    }

    /// <summary>The source the user data signals under, as the template writes it (a Sub of the environment's name).</summary>
    private const string SignalSource = PuppetMasterSignal.SourcePrefix + "${EnvironmentName}";

    private static Dictionary<string, YamlNode> Statements(string role) =>
        ((YamlSequenceNode)Resource(role).Get("Properties")!.Get("Policies")!).Children
            .SelectMany(p => ((YamlSequenceNode)p.Get("PolicyDocument")!.Get("Statement")!).Children)
            .ToDictionary(s => s.Get("Sid").Text()!);

    [Fact]
    public void Roles_CarryTheOrchestratorsBoundary_AndAttachNoManagedPolicy()
    {
        foreach (var role in new[] { "PuppetMasterRole", "ProductNodeRole" })
        {
            var properties = Resource(role).Get("Properties")!;
            properties.Get("PermissionsBoundary")!.Text().Should().Be("PermissionsBoundaryArn", $"{role} is created under the boundary the stack role requires");
            properties.Get("PermissionsBoundary")!.Tag.Value.Should().Be("!Ref");
            properties.Get("ManagedPolicyArns").Should().BeNull($"{role}: AmazonSSMManagedInstanceCore would read every parameter of the account");
            ((YamlSequenceNode)Statements(role)["SsmAgent"].Get("Action")!).Children.Select(a => a.Text())
                .Should().NotContain(a => a!.StartsWith("ssm:GetParameter", StringComparison.Ordinal));
        }

        OfType("AWS::IAM::Role").Select(r => r.Key).Should().BeEquivalentTo(["PuppetMasterRole", "ProductNodeRole"]);
    }

    [Fact]
    public void PuppetMasterRole_MayPutOnlyItsOwnEnvironmentsSignals_AndAloneReadsThePassword()
    {
        var statements = Statements("PuppetMasterRole");
        var signals = statements["SendThisEnvironmentsSignalsOnly"];
        signals.Get("Action").Text().Should().Be("events:PutEvents");
        signals.Get("Resource").Text().Should().EndWith(":event-bus/default");
        var condition = signals.Get("Condition")!;
        condition.Get("ForAllValues:StringEquals")!.Get("events:source")!.Text().Should().Be(SignalSource, "the same source EVENT_SOURCE sends");
        condition.Get("ForAllValues:StringEquals")!.Get("events:detail-type")!.Text().Should().Be(PuppetMasterSignal.DetailType);
        condition.Get("Null")!.Get("events:source")!.Text().Should().Be("false", "an empty set of sources would satisfy ForAllValues");
        statements["ReadTheDatabasePassword"].Get("Resource").Text().Should().EndWith(":parameter${DBPasswordParameterName}");
        statements["DecryptItThroughSsmOnly"].Get("Condition")!.Get("StringEquals")!.Get("kms:ViaService").Should().NotBeNull();
        statements.Values.Select(s => s.Get("Action").Text()).Should().NotContain("ec2:DescribeInstances", "the Puppet Master discovers no peers");

        Statements("ProductNodeRole").Values.Should().NotContain(s => s.Get("Action").Text() == "events:PutEvents" || s.Get("Action").Text() == "ssm:GetParameter");
        Statements("ProductNodeRole")["PeerDiscovery"].Get("Action").Text().Should().Be("ec2:DescribeInstances");
    }

    [Fact]
    public void LaunchTemplates_AreTaggedWithTheEnvironment_SoTheStackRoleMayDeleteThem()
    {
        foreach (var (id, template) in OfType("AWS::EC2::LaunchTemplate"))
        {
            var specification = ((YamlSequenceNode)template.Get("Properties")!.Get("TagSpecifications")!).Children.Single();
            specification.Get("ResourceType").Text().Should().Be("launch-template", id);
            ((YamlSequenceNode)specification.Get("Tags")!).Children.Should().Contain(t => t.Get("Key").Text() == ResourceTags.Environment && t.Get("Value").Text() == "EnvironmentName", id);
        }
    }

    [Fact]
    public void OrchestratorDocuments_EmbedExactlyTheStandaloneDocuments()
    {
        var resources = Yaml.Load(Path.Combine(Repo.Templates, "orchestrator-documents.yaml")).Map("Resources");
        var pairs = new Dictionary<string, string>
        {
            ["DatabaseScriptsDocument"] = "run-database-scripts.yaml",
            ["PuppetAgentDocument"] = "run-puppet-agent.yaml",
        };

        foreach (var (logicalId, file) in pairs)
        {
            var embedded = resources.Get(logicalId)!.Get("Properties")!.Get("Content")!;
            embedded.Canonical().Should().Be(Yaml.Load(Repo.Document(file)).Canonical(), $"run templates/ssm/embed.sh after editing {file}");
        }
    }
}

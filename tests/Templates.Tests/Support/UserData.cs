using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Wso2Serverless.Templates.Tests.Support;

/// <summary>
/// A user data script of pattern-1.yaml as the instance receives it: <c>Fn::Base64</c> over
/// <c>Fn::Sub</c>, with parameters (defaults filled, checked against AllowedPattern and
/// AllowedValues as CloudFormation checks them), pseudo parameters, resource attributes the
/// test supplies and the Sub's own variables (<c>!GetAtt</c>, <c>!Ref</c>, <c>!FindInMap</c>) resolved.
/// </summary>
public static partial class UserData
{
    public static readonly YamlMappingNode Template = Yaml.Load(Repo.OurTemplate);

    /// <summary>Pseudo parameters and resource attributes of the imagined stack.</summary>
    public static readonly IReadOnlyDictionary<string, string> StackFacts = new Dictionary<string, string>
    {
        ["AWS::Region"] = "eu-west-1",
        ["AWS::StackName"] = "wso2-dev",
        ["AWS::AccountId"] = "123456789012",
        ["AWS::Partition"] = "aws",
        ["LoadBalancer.DNSName"] = "wso2-dev-alb-1234567890.eu-west-1.elb.amazonaws.com",
        ["PuppetMaster.PrivateIp"] = "10.0.1.10",
    };

    /// <summary>Parameter values every stack needs (the template has no default for them).</summary>
    public static Dictionary<string, string> RequiredParameters() => new()
    {
        ["EnvironmentName"] = "dev",
        ["DeploymentId"] = "dev-20261128-1",
        ["PermissionsBoundaryArn"] = "arn:aws:iam::123456789012:policy/wso2-orchestrator-ProductBoundary",
        ["CertificateName"] = "wso2-dev",
        ["WSO2APIMDBInstanceEndpointAddress"] = "wso2-dev.c1x2y3.eu-west-1.rds.amazonaws.com",
        ["WSO2APIMDBInstanceEndpointPort"] = "3306",
        ["DBUsername"] = "wso2carbon",
        ["DBPasswordParameterName"] = "/wso2/dev/db-password",
        ["WSO2APIMVPC"] = "vpc-0123",
        ["WSO2APIMPrivateSubnet1"] = "subnet-01",
        ["WSO2APIMPrivateSubnet2"] = "subnet-02",
        ["WSO2APIMPublicSubnet1"] = "subnet-03",
        ["WSO2APIMPublicSubnet2"] = "subnet-04",
    };

    public static YamlNode PuppetMaster => Template.Map("Resources").Map("PuppetMaster").Map("Properties").Get("UserData")!;

    public static YamlNode LaunchTemplate(string logicalId) =>
        Template.Map("Resources").Map(logicalId).Map("Properties").Map("LaunchTemplateData").Get("UserData")!;

    /// <summary>Whether a value passes a parameter's AllowedPattern as CloudFormation applies it (the whole value).</summary>
    public static bool MatchesAllowedPattern(string value, string pattern) => Regex.IsMatch(value, $"^(?:{pattern})$");

    /// <summary>The template's parameters with the given values over the defaults, checked like CloudFormation does.</summary>
    public static Dictionary<string, string> Parameters(IReadOnlyDictionary<string, string> given)
    {
        var declared = Template.Map("Parameters");
        foreach (var name in given.Keys)
        {
            declared.Get(name).Should().NotBeNull($"the template declares parameter {name}");
        }

        var values = new Dictionary<string, string>();
        foreach (var (name, declaration) in declared.Entries())
        {
            var value = given.TryGetValue(name, out var v) ? v : declaration.Get("Default").Text();
            if (value is null)
            {
                continue;
            }

            if (declaration.Get("AllowedPattern").Text() is { } pattern)
            {
                MatchesAllowedPattern(value, pattern).Should().BeTrue($"'{value}' must match {name}'s AllowedPattern {pattern}");
            }

            if (declaration.Get("AllowedValues") is YamlSequenceNode allowed)
            {
                allowed.Children.Select(a => a.Text()).Should().Contain(value, $"{name} allows it");
            }

            values[name] = value;
        }

        return values;
    }

    /// <summary>The script of a UserData node with every <c>${...}</c> resolved.</summary>
    public static string Render(YamlNode userData, IReadOnlyDictionary<string, string> parameters)
    {
        var values = Parameters(parameters);
        var sub = userData.Get("Fn::Base64")!;
        sub.Tag.Value.Should().Be("!Sub");
        var (text, variables) = sub is YamlSequenceNode list
            ? (list.Children[0].Text()!, ((YamlMappingNode)list.Children[1]).Entries().ToDictionary(e => e.Key, e => Evaluate(e.Value, values)))
            : (sub.Text()!, new Dictionary<string, string>());

        return SubPlaceholder().Replace(text, m =>
        {
            if (m.Groups["literal"].Success)
            {
                return "${" + m.Groups["name"].Value + "}";
            }

            var name = m.Groups["name"].Value;
            return variables.TryGetValue(name, out var variable) ? variable
                : values.TryGetValue(name, out var parameter) ? parameter
                : StackFacts.TryGetValue(name, out var fact) ? fact
                : throw new InvalidOperationException($"${{{name}}} is neither a Sub variable, a parameter nor a known attribute.");
        });
    }

    /// <summary>The text of a Sub with its placeholders left as they are (what a reader of the template sees).</summary>
    public static string RawText(YamlNode userData)
    {
        var sub = userData.Get("Fn::Base64")!;
        return sub is YamlSequenceNode list ? list.Children[0].Text()! : sub.Text()!;
    }

    /// <summary>The Sub variables of a UserData node, as their intrinsic function text (for tests that read them).</summary>
    public static IReadOnlyDictionary<string, YamlNode> Variables(YamlNode userData) =>
        userData.Get("Fn::Base64") is YamlSequenceNode list
            ? ((YamlMappingNode)list.Children[1]).Entries().ToDictionary(e => e.Key, e => e.Value)
            : new Dictionary<string, YamlNode>();

    private static string Evaluate(YamlNode node, IReadOnlyDictionary<string, string> parameters) => (node.Tag.IsEmpty ? "" : node.Tag.Value) switch
    {
        "!GetAtt" => StackFacts[node.Text()!],
        "!Ref" => parameters.TryGetValue(node.Text()!, out var p) ? p : StackFacts[node.Text()!],
        "!FindInMap" => FindInMap(((YamlSequenceNode)node).Children.Select(c => Evaluate(c, parameters)).ToList()),
        _ => node.Text() ?? throw new InvalidOperationException($"Cannot evaluate {node}"),
    };

    public static string FindInMap(IReadOnlyList<string> keys) =>
        Template.Map("Mappings").Map(keys[0]).Map(keys[1]).Get(keys[2]).Text()
        ?? throw new InvalidOperationException($"No mapping value at {string.Join('/', keys)}");

    [GeneratedRegex(@"\$\{(?<literal>!)?(?<name>[^}]+)\}")]
    private static partial Regex SubPlaceholder();
}

using System.Text.RegularExpressions;
using Wso2Serverless.Templates.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Wso2Serverless.Templates.Tests;

/// <summary>pattern-1.yaml's parameters and what they reach: shells, AMIs, operating systems, health checks.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class ProductTemplateParameterTests
{
    private static readonly YamlMappingNode Template = UserData.Template;
    private static readonly YamlMappingNode Parameters = Template.Map("Parameters");
    private static readonly YamlMappingNode Resources = Template.Map("Resources");
    private static readonly string[] Readme = File.ReadAllLines(Path.Combine(Repo.Templates, "README.md"));

    /// <summary>The one parameter that is shell by design: the operator's own commands.</summary>
    private const string DeliberateShell = "CustomUserData";

    /// <summary>Values that would run a command, end a quoted string or break a sed expression.</summary>
    private static readonly string[] Hostile =
        ["a;id", "a b", "$(id)", "`id`", "a'b", "a\"b", "a|b", "a&b", "a\\b", "a\nb", "a>b", "a<b", "a#b", "${x}"];

    private static IEnumerable<(string Id, YamlNode UserData)> UserDataBlocks() =>
        Resources.Entries().Select(r => (r.Key, r.Value.Get("Properties")?.Get("UserData") ?? r.Value.Get("Properties")?.Get("LaunchTemplateData")?.Get("UserData")))
            .Where(r => r.Item2 is not null).Select(r => (r.Key, r.Item2!));

    /// <summary>Parameters whose values end up in a user data script, directly or through a Sub variable.</summary>
    private static SortedSet<string> ShellParameters()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, userData) in UserDataBlocks())
        {
            foreach (Match m in SubReference().Matches(UserData.RawText(userData)))
            {
                if (Parameters.Get(m.Groups[1].Value) is not null)
                {
                    names.Add(m.Groups[1].Value);
                }
            }

            foreach (var variable in UserData.Variables(userData).Values)
            {
                names.UnionWith(variable.AllNodes.Where(n => !n.Tag.IsEmpty && n.Tag.Value == "!Ref").Select(n => n.Text()!).Where(n => Parameters.Get(n) is not null));
            }
        }

        return names;
    }

    /// <summary>The README table of "Parameters that reach a shell": parameter to pattern.</summary>
    private static Dictionary<string, string> ReadmePatterns()
    {
        var heading = Array.FindIndex(Readme, l => l.StartsWith("### Parameters that reach a shell", StringComparison.Ordinal));
        heading.Should().BeGreaterThan(-1, "templates/README.md has the table of shell parameters");
        return Readme.Skip(heading + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|'))
            .Select(l => ReadmeRow().Match(l)).Where(m => m.Success)
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["pattern"].Value);
    }

    [Fact]
    public void ShellParameters_AreFound()
    {
        ShellParameters().Should().Contain(["WSO2APIMDBInstanceEndpointAddress", "WSO2APIMDBInstanceEndpointPort", "DBUsername",
            "DBPasswordParameterName", "DeploymentId", "DB", "JDK", DeliberateShell]);
    }

    [Fact]
    public void ShellParameters_AllowOnlyValuesThatCannotBreakTheScript()
    {
        foreach (var name in ShellParameters().Where(n => n != DeliberateShell))
        {
            var declaration = Parameters.Get(name)!;
            if (declaration.Get("AllowedValues") is YamlSequenceNode allowed)
            {
                allowed.Children.Select(v => v.Text()!).Should().OnlyContain(v => SafeWord().IsMatch(v), $"{name}'s allowed values are plain words");
                continue;
            }

            var pattern = declaration.Get("AllowedPattern").Text();
            pattern.Should().NotBeNull($"{name} reaches a shell, so it needs an AllowedPattern or AllowedValues");
            declaration.Get("ConstraintDescription").Text().Should().NotBeNullOrWhiteSpace($"{name} says what it accepts when CloudFormation refuses a value");
            foreach (var value in Hostile)
            {
                UserData.MatchesAllowedPattern(value, pattern!).Should().BeFalse($"{name}'s pattern {pattern} must refuse '{value}'");
            }

            // An SSM parameter name always has slashes, and is only ever a quoted CLI argument.
            if (name != "DBPasswordParameterName")
            {
                UserData.MatchesAllowedPattern("a/b", pattern!).Should().BeFalse($"{name} reaches a sed expression");
            }
        }
    }

    [Fact]
    public void ShellParameters_AreListedInTheReadme_WithTheTemplatesPatterns()
    {
        var readme = ReadmePatterns();
        var patterned = ShellParameters().Where(n => n != DeliberateShell && Parameters.Get(n)!.Get("AllowedPattern") is not null).ToList();

        readme.Keys.Should().Contain(patterned, "the validator applies what the README lists");
        foreach (var (name, pattern) in readme)
        {
            Parameters.Get(name).Should().NotBeNull($"the README lists {name}");
            Parameters.Get(name)!.Get("AllowedPattern").Text().Should().Be(pattern, $"the README's pattern of {name} is the template's");
        }

        Readme.Should().Contain(l => l.Contains($"`{DeliberateShell}`", StringComparison.Ordinal) && l.Contains("shell", StringComparison.OrdinalIgnoreCase),
            "the README says which parameter is shell on purpose");
    }

    [Fact]
    public void DbPasswordRule_IsOnePattern_ThatTheUserDataAndTheReadmeShare()
    {
        var rule = UserData.FindInMap(["Rules", "DBPassword", "Pattern"]);
        var variables = UserData.Variables(UserData.PuppetMaster);

        variables["PasswordRule"].Canonical().Should().Be("!FindInMap[\"Rules\",\"DBPassword\",\"Pattern\",]");
        UserData.RawText(UserData.PuppetMaster).Should().Contain("PASSWORD_RULE='${PasswordRule}'");
        Readme.Should().Contain($"    {rule}", "the README quotes the rule the validator applies");
        Regex.IsMatch(PuppetMasterSandbox.Password, rule).Should().BeTrue();
        foreach (var value in new[] { "it's-a-secret", "say\"cheese\"1", "back\\slash99", "amp&ersand99", "less<than>99", "dollar$99x", "has space 99", "short", new string('a', 129), "line1\nline2xx" })
        {
            Regex.IsMatch(value, rule).Should().BeFalse($"'{value}' breaks the rule");
        }
    }

    [Theory]
    [InlineData("PuppetMasterLaunchTemplate", "PuppetMasterAmiId", "PuppetMasterAmi")]
    [InlineData("ApimLaunchTemplate", "ApimAmiId", "ProductAmi")]
    [InlineData("MiLaunchTemplate", "MiAmiId", "ProductAmi")]
    public void Amis_EachRoleHasAnOptionalImage_ThatDefaultsToTheRegionsMapping(string launchTemplate, string parameter, string mapping)
    {
        var imageId = Resources.Map(launchTemplate).Map("Properties").Map("LaunchTemplateData").Get("ImageId")!;
        var declaration = Parameters.Get(parameter);

        declaration.Should().NotBeNull($"{launchTemplate} can take an organisation's own image");
        declaration!.Get("Default").Text().Should().BeEmpty();
        var pattern = declaration.Get("AllowedPattern").Text()!;
        foreach (var good in new[] { "", "ami-0a1b2c3d", "ami-0123456789abcdef0" })
        {
            UserData.MatchesAllowedPattern(good, pattern).Should().BeTrue($"'{good}' is a valid {parameter}");
        }

        UserData.MatchesAllowedPattern("ami-xyz", pattern).Should().BeFalse();
        imageId.Tag.Value.Should().Be("!If");
        var branches = ((YamlSequenceNode)imageId).Children;
        var condition = Template.Map("Conditions").Get(branches[0].Text()!)!;
        condition.Canonical().Should().Be($"!Not[!Equals[!Ref\"{parameter}\",\"\",],]");
        (branches[1].Tag.Value, branches[1].Text()).Should().Be(("!Ref", parameter));
        branches[2].Tag.Value.Should().Be("!FindInMap");
        ((YamlSequenceNode)branches[2]).Children[0].Text().Should().Be(mapping);
    }

    [Fact]
    public void OperatingSystems_AreOnlyThoseThatStillInstall_AndEachRegionHasTheirImages()
    {
        var allowed = ((YamlSequenceNode)Parameters.Map("OperatingSystem").Get("AllowedValues")!).Children.Select(v => v.Text()!).ToList();

        allowed.Should().Equal(["Ubuntu1804"], "CentOS 7 is end-of-life: its yum install of epel-release fails");
        var productRegions = Template.Map("Mappings").Map("ProductAmi").Entries().ToList();
        productRegions.Select(r => r.Key).Should().BeEquivalentTo(Template.Map("Mappings").Map("PuppetMasterAmi").Entries().Select(r => r.Key));
        productRegions.Should().OnlyContain(r => r.Value.Entries().Select(e => e.Key).SequenceEqual(allowed));
        foreach (var (id, userData) in UserDataBlocks())
        {
            UserData.RawText(userData).Should().NotContainAny(["yum ", "rpm "], $"{id} installs with apt only");
        }
    }

    [Fact]
    public void LogShipping_IsGone_NotHalfConfigured()
    {
        // Logstash 6.5 signs with instance credentials read through IMDSv1; the instances require IMDSv2.
        File.ReadAllText(Repo.OurTemplate).Should().NotContainAny(["logstash", "ElasticSearch", "es:ESHttp"]);
        foreach (var launchTemplate in Resources.Entries().Where(r => r.Value.Get("Type").Text() == "AWS::EC2::LaunchTemplate"))
        {
            launchTemplate.Value.Get("Properties")!.Get("LaunchTemplateData")!.Get("MetadataOptions")!.Get("HttpTokens").Text()
                .Should().Be("required", $"{launchTemplate.Key} keeps IMDSv2");
        }
    }

    /// <summary>Health checks as the product serves them (WSO2's basic health check pages).</summary>
    [Theory]
    [InlineData("ApimHttpsTargetGroup", "HTTPS", "9443", "/carbon/admin/login.jsp")]
    [InlineData("ApimGatewayHttpsTargetGroup", "HTTPS", "8243", "/services/Version")]
    [InlineData("ApimGatewayHttpTargetGroup", "HTTPS", "8243", "/services/Version")]
    [InlineData("MiInternalTargetGroup", "HTTP", "9201", "/healthz")]
    [InlineData("MiHttpsTargetGroup", "HTTP", "9201", "/healthz")]
    [InlineData("MiHttpTargetGroup", "HTTP", "9201", "/healthz")]
    public void TargetGroups_CheckHealthWhereTheProductAnswers(string targetGroup, string protocol, string port, string path)
    {
        var properties = Resources.Map(targetGroup).Map("Properties");

        (properties.Get("HealthCheckProtocol").Text(), properties.Get("HealthCheckPort").Text(), properties.Get("HealthCheckPath").Text())
            .Should().Be((protocol, port, path));
        properties.Map("Matcher").Get("HttpCode").Text().Should().Be("200");
    }

    [Fact]
    public void TargetGroups_AreAllChecked_AndTheNodesWaitForTheSameHealth()
    {
        var groups = Resources.Entries().Where(r => r.Value.Get("Type").Text() == "AWS::ElasticLoadBalancingV2::TargetGroup").Select(r => r.Key).ToList();
        groups.Should().HaveCount(6, "TargetGroups_CheckHealthWhereTheProductAnswers covers each");

        // What the agent document waits for on a node is what the load balancer will judge.
        foreach (var (launchTemplate, targetGroup) in new[] { ("ApimLaunchTemplate", "ApimHttpsTargetGroup"), ("MiLaunchTemplate", "MiInternalTargetGroup") })
        {
            var healthUrl = Regex.Match(UserData.RawText(UserData.LaunchTemplate(launchTemplate)), "^HEALTH_URL=(.+)$", RegexOptions.Multiline).Groups[1].Value;
            var check = Resources.Map(targetGroup).Map("Properties");
            var expected = $"{check.Get("HealthCheckProtocol").Text()!.ToLowerInvariant()}://localhost:{check.Get("HealthCheckPort").Text()}{check.Get("HealthCheckPath").Text()}";
            healthUrl.Should().Be(expected, $"{launchTemplate}'s nodes wait for the health {targetGroup} checks");
        }
    }

    [GeneratedRegex(@"\$\{([A-Za-z0-9]+)\}")]
    private static partial Regex SubReference();

    [GeneratedRegex(@"^\| `(?<name>[A-Za-z0-9]+)` \| `(?<pattern>[^`]+)` \|")]
    private static partial Regex ReadmeRow();

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex SafeWord();
}

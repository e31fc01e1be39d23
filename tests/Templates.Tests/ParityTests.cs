using System.Text.RegularExpressions;
using Wso2Serverless.StandIns.Templates;
using Wso2Serverless.Templates.Tests.Support;

namespace Wso2Serverless.Templates.Tests;

/// <summary>Our template against upstream's: parameters and outputs carry over unless documented.</summary>
public sealed class ParityTests
{
    /// <summary>Upstream parameter name to the README's "now" column of the removed/replaced table.</summary>
    private static Dictionary<string, string> RemovedOrReplaced()
    {
        var readme = File.ReadAllLines(Path.Combine(Repo.Templates, "README.md"));
        var heading = Array.FindIndex(readme, l => l.StartsWith("### Removed or replaced upstream parameters", StringComparison.Ordinal));
        heading.Should().BeGreaterThan(-1, "templates/README.md has the removed/replaced table");
        var rows = new Dictionary<string, string>();
        foreach (var line in readme.Skip(heading + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            var name = Regex.Match(cells[0], "^`([A-Za-z0-9]+)`$");
            if (name.Success)
            {
                cells.Should().HaveCount(3, $"row '{line}' has parameter, now and reason");
                cells[2].Should().NotBeNullOrWhiteSpace($"{name.Groups[1].Value} says why");
                rows[name.Groups[1].Value] = cells[1];
            }
        }

        return rows;
    }

    [Fact]
    public void Parameters_UpstreamOnes_AreKeptOrDocumented()
    {
        var upstream = LocalTemplateSummary.ReadFile(Repo.UpstreamTemplate).Parameters;
        var ours = LocalTemplateSummary.ReadFile(Repo.OurTemplate).Parameters.ToDictionary(p => p.Name);
        var documented = RemovedOrReplaced();
        upstream.Should().HaveCountGreaterThan(20, "the upstream template was read");

        var undocumented = new List<string>();
        foreach (var parameter in upstream)
        {
            var kept = ours.TryGetValue(parameter.Name, out var mine)
                && mine.Type == parameter.Type
                && mine.AllowedValues.SequenceEqual(parameter.AllowedValues);
            if (!kept && !documented.ContainsKey(parameter.Name))
            {
                undocumented.Add(parameter.Name);
            }
        }

        undocumented.Should().BeEmpty("every upstream parameter is kept with the same Type and AllowedValues, or listed in the README's table");
    }

    [Fact]
    public void RemovedTable_ListsOnlyRealUpstreamParameters_AndRemovedOnesAreGone()
    {
        var upstream = LocalTemplateSummary.ReadFile(Repo.UpstreamTemplate).Parameters.Select(p => p.Name).ToHashSet();
        var ours = LocalTemplateSummary.ReadFile(Repo.OurTemplate).Parameters.Select(p => p.Name).ToHashSet();

        foreach (var (name, now) in RemovedOrReplaced())
        {
            upstream.Should().Contain(name);
            if (now.StartsWith("removed", StringComparison.Ordinal) || now.StartsWith("replaced", StringComparison.Ordinal))
            {
                ours.Should().NotContain(name, $"the README says {name} is {now}");
            }

            if (Regex.Match(now, "replaced by `([A-Za-z0-9]+)`") is { Success: true } replacement)
            {
                ours.Should().Contain(replacement.Groups[1].Value);
            }
        }
    }

    [Fact]
    public void Outputs_UpstreamOnes_AllExist()
    {
        var upstream = Yaml.Load(Repo.UpstreamTemplate).Map("Outputs").Entries().Select(e => e.Key).ToList();
        var ours = Yaml.Load(Repo.OurTemplate).Map("Outputs").Entries().Select(e => e.Key).ToList();

        upstream.Should().HaveCountGreaterThan(5);
        ours.Should().Contain(upstream);
        ours.Should().Contain("PuppetMasterInstanceId");
    }

    [Fact]
    public void LoadBalancer_HasUpstreamListenerPorts()
    {
        static HashSet<int> ListenerPorts(string path) => Yaml.Load(path).Map("Resources").Entries()
            .Where(e => e.Value.Get("Type").Text() == "AWS::ElasticLoadBalancingV2::Listener")
            .Select(e => int.Parse(e.Value.Get("Properties")!.Get("Port").Text()!, System.Globalization.CultureInfo.InvariantCulture))
            .ToHashSet();

        var upstream = ListenerPorts(Repo.UpstreamTemplate);
        upstream.Should().BeEquivalentTo([443, 8243, 9443, 9201]);
        ListenerPorts(Repo.OurTemplate).Should().Contain(upstream);
    }
}

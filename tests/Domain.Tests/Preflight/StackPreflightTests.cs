using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Preflight;

namespace Wso2Serverless.Domain.Tests.Preflight;

/// <summary>The whole preflight: summary checks, then the template's text (constraints, AMIs) and refused operating systems.</summary>
public sealed class StackPreflightTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly TemplateSummary Summary = new(
    [
        new("OperatingSystem", "String", "Ubuntu2204", false, ["Ubuntu2204", "CentOS7"], null),
        new("PuppetMasterAmiId", "String", "", false, [], null),
        new("ApimAmiId", "String", "", false, [], null),
        new("MiAmiId", "String", "", false, [], null),
        new("WSO2APIMDBInstanceEndpointAddress", "String", null, false, [], null),
        new("WSO2APIMDBInstanceEndpointPort", "String", null, false, [], null),
        new("ElasticSearchEndpoint", "String", "", false, [], null),
        new("DBUsername", "String", null, false, [], null),
        new("NodeCount", "Number", null, false, [], null),
        new("DBPassword", "String", null, true, [], null),
    ]);

    private static Dictionary<string, string> Valid() => new()
    {
        ["WSO2APIMDBInstanceEndpointAddress"] = "db.internal",
        ["WSO2APIMDBInstanceEndpointPort"] = "3306",
        ["DBUsername"] = "wso2carbon",
        ["NodeCount"] = "2",
        ["DBPassword"] = "/wso2/dev/db-password",
    };

    private static readonly Dictionary<string, string> Secrets = new() { ["DBPassword"] = "/wso2/dev/db-password" };

    [Fact]
    public async Task CheckAsync_AValidRequest_Passes()
    {
        var report = await StackPreflight.CheckAsync(Summary, Fixtures.Document, Valid(), Secrets, new Catalog(), Ct);

        report.Problems.Should().BeEmpty();
    }

    [Fact]
    public async Task CheckAsync_CentOS7_IsRefusedWithTheReason_EvenWhereTheTemplateAllowsIt()
    {
        var request = Valid();
        request["OperatingSystem"] = "CentOS7";

        var report = await StackPreflight.CheckAsync(Summary, Fixtures.Document, request, Secrets, new Catalog(), Ct);

        var problem = report.Problems.Should().ContainSingle().Subject;
        problem.Parameter.Should().Be("OperatingSystem");
        problem.Kind.Should().Be(PreflightProblemKind.Unsupported);
        problem.Expected.Should().Contain("end of life").And.Contain("epel-release");
    }

    [Fact]
    public async Task CheckAsync_ATemplateDefaultingToCentOS7_IsRefusedToo()
    {
        var template = TemplateDocument.Parse(Fixtures.Template.Replace("Default: Ubuntu2204", "Default: CentOS7", StringComparison.Ordinal));

        var report = await StackPreflight.CheckAsync(Summary, template, Valid(), Secrets, new Catalog(), Ct);

        report.Problems.Should().ContainSingle().Which.Parameter.Should().Be("OperatingSystem");
    }

    [Fact]
    public async Task CheckAsync_ReportsEveryKindOfProblemAtOnce_OncePerParameter()
    {
        var request = Valid();
        request["WSO2APIMDBInstanceEndpointAddress"] = "db; reboot";
        request["NodeCount"] = "many";
        request["ApimAmiId"] = "ami-0123456789abcdef0";
        var catalog = new Catalog();
        catalog.States["ami-0123456789abcdef0"] = null;

        var report = await StackPreflight.CheckAsync(Summary, Fixtures.Document, request, Secrets, catalog, Ct);

        report.Problems.Select(p => (p.Parameter, p.Kind)).Should().BeEquivalentTo(new[]
        {
            ("NodeCount", PreflightProblemKind.InvalidType),
            ("WSO2APIMDBInstanceEndpointAddress", PreflightProblemKind.ConstraintViolated),
            ("ApimAmiId", PreflightProblemKind.ImageMissing),
        });
        report.Describe().Should().StartWith("3 stack parameter problem(s)");
    }
}

using Wso2Serverless.Domain.Preflight;

namespace Wso2Serverless.Domain.Tests.Preflight;

public sealed class ImagePreflightTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<IReadOnlyList<PreflightProblem>> CheckAsync(Catalog catalog, Dictionary<string, string>? parameters = null, TemplateDocument? template = null)
    {
        template ??= Fixtures.Document;
        return ImagePreflight.CheckAsync(template, new TemplateEvaluator(template, parameters ?? [], catalog.Region), catalog, Ct);
    }

    [Fact]
    public async Task Check_WhenEveryAmiExists_Passes_AndAsksForEachOnce()
    {
        var catalog = new Catalog();

        var problems = await CheckAsync(catalog);

        problems.Should().BeEmpty();
        catalog.Asked.Should().BeEquivalentTo(["ami-0aaa0000000000001", "ami-0bbb0000000000001"], "the log shipper's condition is false and both product roles share one AMI");
    }

    [Fact]
    public async Task Check_WhenAGivenAmiIsMissing_NamesTheParameterAndTheId()
    {
        var catalog = new Catalog();
        catalog.States["ami-0123456789abcdef0"] = null;

        var problems = await CheckAsync(catalog, new() { ["ApimAmiId"] = "ami-0123456789abcdef0" });

        var problem = problems.Should().ContainSingle().Subject;
        problem.Parameter.Should().Be("ApimAmiId");
        problem.Kind.Should().Be(PreflightProblemKind.ImageMissing);
        problem.Expected.Should().Contain("ami-0123456789abcdef0").And.Contain("does not exist in us-east-1").And.Contain("ApimLaunchTemplate");
    }

    [Fact]
    public async Task Check_WhenTheMappingsAmiIsGone_SaysSoAndWhichParametersChooseAnother()
    {
        var catalog = new Catalog();
        catalog.States["ami-0bbb0000000000001"] = null;

        var problems = await CheckAsync(catalog);

        var problem = problems.Should().ContainSingle().Subject;
        problem.Parameter.Should().Be("ProductAmi");
        problem.Expected.Should().Contain("ami-0bbb0000000000001").And.Contain("mapping ProductAmi for us-east-1")
            .And.Contain("ApimLaunchTemplate, MiLaunchTemplate")
            .And.Contain("ApimAmiId").And.Contain("MiAmiId").And.Contain("OperatingSystem");
    }

    [Fact]
    public async Task Check_WhenAnAmiIsNotAvailable_SaysItsState()
    {
        var catalog = new Catalog();
        catalog.States["ami-0aaa0000000000001"] = "deregistered";

        var problems = await CheckAsync(catalog);

        problems.Should().ContainSingle().Which.Expected.Should().Contain("is deregistered in us-east-1");
    }

    [Fact]
    public async Task Check_InARegionTheMappingsLack_NamesTheMappingAndTheRegion()
    {
        var catalog = new Catalog("eu-central-1");

        var problems = await CheckAsync(catalog);

        problems.Select(p => p.Parameter).Should().BeEquivalentTo(["PuppetMasterAmi", "ProductAmi"]);
        problems.Should().OnlyContain(p => p.Expected.Contains("no AMI for eu-central-1", StringComparison.Ordinal));
        catalog.Asked.Should().BeEmpty();
    }

    [Fact]
    public async Task Check_WithTheRolesOwnAmis_DoesNotNeedTheMapping()
    {
        var catalog = new Catalog("eu-central-1");

        var problems = await CheckAsync(catalog, new()
        {
            ["PuppetMasterAmiId"] = "ami-0eee0000000000001",
            ["ApimAmiId"] = "ami-0eee0000000000002",
            ["MiAmiId"] = "ami-0eee0000000000003",
        });

        problems.Should().BeEmpty();
        catalog.Asked.Should().BeEquivalentTo(["ami-0eee0000000000001", "ami-0eee0000000000002", "ami-0eee0000000000003"]);
    }

    [Fact]
    public async Task Check_TheBundledTemplate_AsksForEveryAmiItLaunchesAndReportsEachMissingOne()
    {
        var template = TemplateDocument.Parse(File.ReadAllText(Fixtures.BundledTemplatePath));
        var asked = new Catalog();
        (await CheckAsync(asked, template: template)).Should().BeEmpty();
        asked.Asked.Should().NotBeEmpty().And.OnlyContain(id => id.StartsWith("ami-", StringComparison.Ordinal));

        var gone = new Catalog();
        foreach (var id in asked.Asked)
        {
            gone.States[id] = null;
        }

        var problems = await CheckAsync(gone, template: template);

        problems.Should().HaveCount(asked.Asked.Distinct().Count());
        problems.Should().OnlyContain(p => p.Kind == PreflightProblemKind.ImageMissing && p.Expected.Contains("does not exist in us-east-1", StringComparison.Ordinal));
        (await CheckAsync(new Catalog("eu-central-1"), template: template)).Should().NotBeEmpty()
            .And.OnlyContain(p => p.Expected.Contains("no AMI for eu-central-1", StringComparison.Ordinal));
    }
}

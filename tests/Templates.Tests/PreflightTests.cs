using Wso2Serverless.Domain.Ports;
using Wso2Serverless.Domain.Preflight;
using Wso2Serverless.StandIns.Templates;
using Wso2Serverless.Templates.Tests.Support;

namespace Wso2Serverless.Templates.Tests;

/// <summary>The preflight against both real templates, read by the local template summary.</summary>
public sealed class PreflightTests
{
    private static readonly TemplateSummary Ours = LocalTemplateSummary.ReadFile(Repo.OurTemplate);
    private static readonly TemplateSummary Upstream = LocalTemplateSummary.ReadFile(Repo.UpstreamTemplate);

    private static Dictionary<string, string> ValidForOurs()
    {
        var values = UserData.RequiredParameters();
        values["EnvironmentName"] = "dev";
        return values;
    }

    private static Dictionary<string, string> ValidForUpstream() => new()
    {
        ["AWSAccessKeyId"] = "AKIDEXAMPLE",
        ["KeyPairName"] = "ops",
        ["CertificateName"] = "wso2-dev",
        ["WSO2APIMDBInstanceEndpointAddress"] = "db.internal",
        ["WSO2APIMDBInstanceEndpointPort"] = "3306",
        ["DBUsername"] = "wso2carbon",
        ["WSO2APIMVPC"] = "vpc-0123",
        ["WSO2APIMPrivateSubnet1"] = "subnet-01",
        ["WSO2APIMPrivateSubnet2"] = "subnet-02",
        ["WSO2APIMPublicSubnet1"] = "subnet-03",
        ["WSO2APIMPublicSubnet2"] = "subnet-04",
        ["AWSAccessKeySecret"] = "/wso2/dev/aws-secret",
        ["DBPassword"] = "/wso2/dev/db-password",
    };

    private static readonly Dictionary<string, string> UpstreamSecrets = new()
    {
        ["awsSecret"] = "/wso2/dev/aws-secret",
        ["dbPassword"] = "/wso2/dev/db-password",
    };

    [Fact]
    public void Summary_OfOurTemplate_ReadsTypesDefaultsAndAllowedValues()
    {
        var byName = Ours.Parameters.ToDictionary(p => p.Name);

        byName["DB"].DefaultValue.Should().Be("MySQL-5.7");
        byName["DB"].AllowedValues.Should().HaveCount(6).And.Contain("Postgres-15.2").And.NotContain("Oracle-SE2-19");
        byName["WSO2APIMVPC"].Type.Should().Be("AWS::EC2::VPC::Id");
        byName["DBPasswordParameterName"].DefaultValue.Should().BeNull();
        byName["KeyPairName"].DefaultValue.Should().Be("");
    }

    [Fact]
    public void Summary_OfUpstream_SeesNoEchoAndEmptyDefaults()
    {
        var byName = Upstream.Parameters.ToDictionary(p => p.Name);

        byName["DBPassword"].NoEcho.Should().BeTrue();
        byName["DBPassword"].DefaultValue.Should().BeNull();
        byName["WUMPassword"].NoEcho.Should().BeTrue();
        byName["WUMPassword"].DefaultValue.Should().Be("");
        byName["JDK"].AllowedValues.Should().Equal("CORRETTO_JDK11", "TEMURIN_JDK11", "CORRETTO_JDK17", "TEMURIN_JDK17");
    }

    [Fact]
    public void Check_OursWithEveryRequiredParameter_Passes()
    {
        var report = StackPreflight.Check(Ours, ValidForOurs());

        report.Passed.Should().BeTrue(report.Describe());
    }

    [Fact]
    public void Check_OursWithNothing_ReportsEveryRequiredParameterAtOnce()
    {
        var report = StackPreflight.Check(Ours, new Dictionary<string, string>());

        report.Problems.Should().OnlyContain(p => p.Kind == PreflightProblemKind.MissingRequired);
        report.Problems.Select(p => p.Parameter).Should().BeEquivalentTo(ValidForOurs().Keys.Where(k => k != "EnvironmentName"));
        report.Problems.Single(p => p.Parameter == "DBPasswordParameterName").Expected.Should().Contain("SSM SecureString parameter");
    }

    [Fact]
    public void Check_OursWithSeveralMistakes_NamesEachParameterAndWhatIsExpected()
    {
        var request = ValidForOurs();
        request["DB"] = "MySQL-9.0";
        request["DBPassword"] = "hunter2-literal";
        request["WSO2APIMVPC"] = "my-vpc";
        request.Remove("CertificateName");

        var report = StackPreflight.Check(Ours, request);

        report.Problems.Select(p => (p.Parameter, p.Kind)).Should().BeEquivalentTo([
            ("DB", PreflightProblemKind.NotAllowed),
            ("DBPassword", PreflightProblemKind.UnknownParameter),
            ("WSO2APIMVPC", PreflightProblemKind.InvalidType),
            ("CertificateName", PreflightProblemKind.MissingRequired),
        ]);
        report.Problems.Single(p => p.Parameter == "DB").Expected.Should().Contain("'MySQL-9.0'").And.Contain("MySQL-8.0");
        report.Describe().Should().StartWith("4 stack parameter problem(s)");
    }

    [Fact]
    public void Check_UpstreamWithSecretReferences_Passes()
    {
        var report = StackPreflight.Check(Upstream, ValidForUpstream(), UpstreamSecrets);

        report.Passed.Should().BeTrue(report.Describe());
    }

    [Fact]
    public void Check_UpstreamWithLiteralSecrets_RejectsThemWithoutEchoingTheValues()
    {
        var request = ValidForUpstream();
        request["DBPassword"] = "Pl41nText!";
        request["WUMPassword"] = "an0ther";

        var report = StackPreflight.Check(Upstream, request, UpstreamSecrets);

        report.Problems.Select(p => (p.Parameter, p.Kind)).Should().BeEquivalentTo([
            ("DBPassword", PreflightProblemKind.LiteralSecret),
            ("WUMPassword", PreflightProblemKind.LiteralSecret),
        ]);
        report.Describe().Should().NotContain("Pl41nText!").And.NotContain("an0ther");
    }

    [Fact]
    public void Check_UpstreamMissingNoEchoParameters_AsksForSecretReferences()
    {
        var request = ValidForUpstream();
        request.Remove("DBPassword");
        request.Remove("AWSAccessKeySecret");
        request["OperatingSystem"] = "Windows";

        var report = StackPreflight.Check(Upstream, request, UpstreamSecrets);

        report.Problems.Should().HaveCount(3);
        report.Problems.Where(p => p.Kind == PreflightProblemKind.MissingRequired)
            .Should().OnlyContain(p => p.Expected.Contains("secret reference", StringComparison.Ordinal));
        report.Problems.Single(p => p.Parameter == "OperatingSystem").Expected.Should().Contain("Ubuntu1804, CentOS7");
    }
}

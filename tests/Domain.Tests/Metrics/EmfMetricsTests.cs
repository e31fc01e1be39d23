using System.Text.Json;
using Wso2Serverless.Domain.Metrics;
using Wso2Serverless.Domain.Model;

namespace Wso2Serverless.Domain.Tests.Metrics;

public class EmfMetricsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static PhaseRecord Phase(string name, PhaseStatus status, TimeSpan took) => new()
    {
        DeploymentId = "d-1",
        Phase = name,
        Status = status,
        StartedAt = T0,
        EndedAt = status is PhaseStatus.Running ? null : T0 + took,
    };

    [Fact]
    public void Phase_Succeeded_WritesEmfDocumentWithDimensionsAndValues()
    {
        var line = EmfMetrics.Phase("dev", Phase(PhaseNames.CreateStack, PhaseStatus.Succeeded, TimeSpan.FromSeconds(754.5)), T0.AddHours(1))!;

        line.Should().NotContain("\n");
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        var aws = root.GetProperty("_aws");
        aws.GetProperty("Timestamp").GetInt64().Should().Be(T0.AddHours(1).ToUnixTimeMilliseconds());
        var directive = aws.GetProperty("CloudWatchMetrics").EnumerateArray().Should().ContainSingle().Subject;
        directive.GetProperty("Namespace").GetString().Should().Be("Wso2Serverless");
        directive.GetProperty("Dimensions").EnumerateArray().Should().ContainSingle().Subject
            .EnumerateArray().Select(d => d.GetString()).Should().Equal("Environment", "Phase");
        directive.GetProperty("Metrics").EnumerateArray()
            .Select(m => (m.GetProperty("Name").GetString(), m.GetProperty("Unit").GetString()))
            .Should().Equal(("PhaseDuration", "Milliseconds"), ("PhaseSucceeded", "Count"), ("PhaseFailed", "Count"));

        // Every dimension and metric the directive names is a root member (EMF's target members).
        root.GetProperty("Environment").GetString().Should().Be("dev");
        root.GetProperty("Phase").GetString().Should().Be("CreateStack");
        root.GetProperty("PhaseDuration").GetInt64().Should().Be(754500);
        root.GetProperty("PhaseSucceeded").GetInt32().Should().Be(1);
        root.GetProperty("PhaseFailed").GetInt32().Should().Be(0);
        root.GetProperty("deploymentId").GetString().Should().Be("d-1");
    }

    [Fact]
    public void Phase_Failed_CountsAFailure()
    {
        using var doc = JsonDocument.Parse(EmfMetrics.Phase("dev", Phase(PhaseNames.Agent("mi"), PhaseStatus.Failed, TimeSpan.FromMinutes(3)), T0)!);

        doc.RootElement.GetProperty("PhaseFailed").GetInt32().Should().Be(1);
        doc.RootElement.GetProperty("PhaseSucceeded").GetInt32().Should().Be(0);
        doc.RootElement.GetProperty("Phase").GetString().Should().Be("RunPuppetAgents:mi");
    }

    [Theory]
    [InlineData(PhaseStatus.Running)]
    [InlineData(PhaseStatus.Skipped)]
    public void Phase_NotFinished_WritesNothing(PhaseStatus status) =>
        EmfMetrics.Phase("dev", Phase("X", status, TimeSpan.FromMinutes(1)), T0).Should().BeNull();

    [Fact]
    public void Deployment_WritesDurationAndOutcomeDirectives()
    {
        using var doc = JsonDocument.Parse(EmfMetrics.Deployment("prod", "d-9", DeploymentStatus.TimedOut, TimeSpan.FromMinutes(90), T0));
        var root = doc.RootElement;

        var directives = root.GetProperty("_aws").GetProperty("CloudWatchMetrics").EnumerateArray().ToList();
        directives.Should().HaveCount(2);
        directives[0].GetProperty("Metrics")[0].GetProperty("Name").GetString().Should().Be("DeploymentDuration");
        directives[1].GetProperty("Dimensions")[0].EnumerateArray().Select(d => d.GetString()).Should().Equal("Environment", "Outcome");
        directives[1].GetProperty("Metrics")[0].GetProperty("Unit").GetString().Should().Be("Count");
        root.GetProperty("Outcome").GetString().Should().Be("TimedOut");
        root.GetProperty("DeploymentDuration").GetInt64().Should().Be(5_400_000);
        root.GetProperty("DeploymentOutcome").GetInt32().Should().Be(1);
    }

    [Fact]
    public void ForDeployment_OneLinePerFinishedPhasePlusTheDeployment()
    {
        var record = new DeploymentRecord
        {
            DeploymentId = "d-1", Environment = "dev", StackName = "s", Status = DeploymentStatus.Succeeded,
            StartedAt = T0, EndedAt = T0.AddMinutes(40),
        };

        var lines = EmfMetrics.ForDeployment(record,
            [Phase("A", PhaseStatus.Succeeded, TimeSpan.FromMinutes(1)), Phase("B", PhaseStatus.Skipped, TimeSpan.Zero), Phase("C", PhaseStatus.Succeeded, TimeSpan.FromMinutes(2))],
            T0.AddMinutes(40));

        lines.Should().HaveCount(3);
        using var last = JsonDocument.Parse(lines[^1]);
        last.RootElement.GetProperty("DeploymentDuration").GetInt64().Should().Be(2_400_000);
    }
}

using System.Text.RegularExpressions;
using Wso2Serverless.Functions.Scheduling;

namespace Wso2Serverless.Functions.Tests.Scheduling;

public sealed class RunNamesTests
{
    private static readonly DateTimeOffset Due = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ScheduledRebuild_IsTheSameForTheSameEnvironmentAndDueTime() =>
        RunNames.ScheduledRebuild("dev", Due).Should().Be(RunNames.ScheduledRebuild("dev", Due)).And.Be("rebuild-dev-20261130T0200");

    [Fact]
    public void NewDeploymentIds_SortByTimeAndDiffer()
    {
        var earlier = RunNames.NewDeploymentId(Due);
        var later = RunNames.NewDeploymentId(Due.AddSeconds(1));

        string.CompareOrdinal(earlier, later).Should().BeNegative();
        RunNames.NewDeploymentId(Due).Should().NotBe(earlier);
    }

    [Fact]
    public void Names_StayLegalExecutionNames_WhateverTheEnvironment()
    {
        var name = RunNames.Expiry(new string('x', 200) + " ünïcode/*", Due);

        name.Length.Should().BeLessThanOrEqualTo(80);
        Regex.IsMatch(name, "^[A-Za-z0-9_-]+$").Should().BeTrue();
    }
}

using Wso2Serverless.Functions.Scheduling;

namespace Wso2Serverless.Functions.Tests.Scheduling;

public sealed class RebuildScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 7, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-11-30T08:00:00Z", "2026-11-30T09:00:00Z")]
    [InlineData("2026-11-29T00:00:00Z", "2026-11-30T09:00:00Z")]
    [InlineData("2026-11-30T09:00:00Z", null)]
    public void LatestDue_ReturnsNewestOccurrenceSinceLastHandled(string since, string? expected)
    {
        RebuildSchedule.TryParse("0 * * * *", Now, out var schedule, out _).Should().BeTrue();

        var due = schedule!.LatestDue(DateTimeOffset.Parse(since, System.Globalization.CultureInfo.InvariantCulture), Now);

        due.Should().Be(expected is null ? null : DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void LatestDue_IncludesAnOccurrenceExactlyAtNow()
    {
        RebuildSchedule.TryParse("0 9 * * *", Now, out var schedule, out _);
        var nine = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

        schedule!.LatestDue(nine.AddDays(-1), nine).Should().Be(nine);
    }

    [Theory]
    [InlineData("0 2 * * *", true)]
    [InlineData("30 1 * * 1-5", true)]
    [InlineData("0 2 30 2 *", false)]
    [InlineData("* * * * *", false)]
    [InlineData("0 2 * * * *", false)]
    [InlineData("@daily", false)]
    public void TryParse_AcceptsOnlyFiveFieldHourlyOrRarerSchedules(string expression, bool valid)
    {
        RebuildSchedule.TryParse(expression, Now, out _, out var error).Should().Be(valid);
        (error is null).Should().Be(valid);
    }
}

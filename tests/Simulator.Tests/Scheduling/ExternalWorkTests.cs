using System.Diagnostics;
using Wso2Serverless.StandIns.Scheduling;

namespace Wso2Serverless.Simulator.Tests.Scheduling;

/// <summary>The scheduler's serve mode: with nothing left to run it waits for work posted from outside, and idle time is no credit for the pace.</summary>
public sealed class ExternalWorkTests
{
    private static readonly DateTimeOffset Origin = SchedulerOptions.DefaultOrigin;

    [Fact]
    public async Task NothingLeft_WithoutTheMode_IsAStall()
    {
        var scheduler = new Scheduler(new SchedulerOptions { Seed = 1 });

        var run = () => scheduler.RunAsync(() => false, CancellationToken.None);

        await run.Should().ThrowAsync<SimulationStalledException>().WithMessage("Nothing is left to run*");
    }

    [Fact]
    public async Task NothingLeft_InTheMode_WaitsForAPost_RunsIt_AndEndsOnlyWhenCancelled()
    {
        var scheduler = new Scheduler(new SchedulerOptions { Seed = 1, WaitForExternalWork = true });
        using var stop = new CancellationTokenSource();
        var woke = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = Task.Run(() => scheduler.RunAsync(() => false, stop.Token));

        await Task.Delay(300);
        running.IsCompleted.Should().BeFalse("an idle served world waits instead of ending");
        scheduler.Post(WorkOrigin.External, 1, "request", async () =>
        {
            await scheduler.DelayAsync(TimeSpan.FromHours(2), CancellationToken.None);
            woke.TrySetResult(scheduler.Now);
        });

        (await woke.Task.WaitAsync(TimeSpan.FromSeconds(10))).Should().Be(Origin.AddHours(2), "posted work runs and its timers fire as any other");
        await Task.Delay(200);
        running.IsCompleted.Should().BeFalse("after that work it waits again");
        await stop.CancelAsync();
        await FluentActions.Awaiting(() => running).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Pace_AfterIdleTime_CountsFromTheWorkThatEndedIt()
    {
        var scheduler = new Scheduler(new SchedulerOptions { Seed = 1, Pace = 10, WaitForExternalWork = true });
        using var stop = new CancellationTokenSource();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = Task.Run(() => scheduler.RunAsync(() => false, stop.Token));
        await Task.Delay(600); // idle: at x10 that would be 6 s of virtual time to spend at once

        var watch = Stopwatch.StartNew();
        scheduler.Post(WorkOrigin.External, 1, "request", async () =>
        {
            await scheduler.DelayAsync(TimeSpan.FromSeconds(3), CancellationToken.None);
            done.TrySetResult();
        });
        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));

        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290), "3 virtual seconds at x10 take 0.3 s however long the world was idle before");
        await stop.CancelAsync();
        await FluentActions.Awaiting(() => running).Should().ThrowAsync<OperationCanceledException>();
    }
}

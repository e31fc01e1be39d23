using System.Diagnostics;
using Wso2Serverless.StandIns.Scheduling;

namespace Wso2Serverless.Simulator.Tests.Scheduling;

public sealed class SchedulerTests
{
    private static readonly DateTimeOffset Origin = SchedulerOptions.DefaultOrigin;

    [Fact]
    public async Task Delay_WhenNothingElseRuns_JumpsStraightToTheTimer()
    {
        var scheduler = New();
        DateTimeOffset? woke = null;
        var done = scheduler.Spawn("sleeper", async () =>
        {
            await scheduler.DelayAsync(TimeSpan.FromHours(5), CancellationToken.None);
            woke = scheduler.Now;
        });

        await scheduler.RunAsync(() => done.IsCompleted, CancellationToken.None);

        woke.Should().Be(Origin.AddHours(5));
        scheduler.Advances.Should().ContainSingle().Which.To.Should().Be(Origin.AddHours(5));
    }

    [Fact]
    public async Task Clock_WhileAFlowDoesRealWork_DoesNotMovePastItsTimers()
    {
        var scheduler = New();
        var seen = new List<string>();
        // The worker spends real time (not parked); the short wait is due long before it ends.
        var worker = scheduler.Spawn("worker", async () =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            Note(seen, $"worker done at {scheduler.Now:HH:mm:ss}");
        });
        var waiter = scheduler.Spawn("waiter", async () =>
        {
            await scheduler.DelayAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
            Note(seen, $"waiter woke at {scheduler.Now:HH:mm:ss}");
        });

        await scheduler.RunAsync(() => worker.IsCompleted && waiter.IsCompleted, CancellationToken.None);

        seen.Should().Equal("worker done at 09:00:00", "waiter woke at 09:00:01");
        scheduler.Advances.Should().ContainSingle().Which.WasQuiet.Should().BeTrue();
    }

    [Fact]
    public async Task Clock_WhileASourceHasWorkPending_DoesNotMove()
    {
        var scheduler = New();
        var source = new FakeSource { Pending = 1 };
        scheduler.AddSource(source, QuiescenceScope.EveryChoice);
        var pendingWhenWoken = -1L;
        var waiter = scheduler.Spawn("waiter", async () =>
        {
            await scheduler.DelayAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
            pendingWhenWoken = source.Pending;
        });
        _ = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            source.Pending = 0;
            scheduler.Signal();
        });

        await scheduler.RunAsync(() => waiter.IsCompleted, CancellationToken.None);

        pendingWhenWoken.Should().Be(0);
        scheduler.Advances.Should().ContainSingle().Which.Pending["fake"].Should().Be(0);
    }

    [Fact]
    public async Task SimultaneousWork_WithOneSeed_RunsInOneOrder_AndAnotherSeedChangesIt()
    {
        var first = await OrderOfSimultaneousWorkAsync(seed: 5);
        var again = await OrderOfSimultaneousWorkAsync(seed: 5);
        var others = new[] { 6, 7, 8 }.Select(s => OrderOfSimultaneousWorkAsync(s).GetAwaiter().GetResult()).ToList();

        again.Should().Equal(first);
        first.Should().BeEquivalentTo(Enumerable.Range(0, 16).Select(i => $"ready {i}").Concat(Enumerable.Range(0, 16).Select(i => $"timer {i}")));
        others.Should().Contain(order => !order.SequenceEqual(first));
    }

    [Fact]
    public async Task Spawn_ReadyWorkRunsBeforeTheClockMoves()
    {
        var scheduler = New();
        var seen = new List<string>();
        var parent = scheduler.Spawn("parent", async () =>
        {
            _ = scheduler.Spawn("child", () =>
            {
                Note(seen, $"child at {scheduler.Now:HH:mm}");
                return Task.CompletedTask;
            });
            await scheduler.DelayAsync(TimeSpan.FromMinutes(30), CancellationToken.None);
            Note(seen, $"parent at {scheduler.Now:HH:mm}");
        });

        await scheduler.RunAsync(() => parent.IsCompleted, CancellationToken.None);

        seen.Should().Equal("child at 09:00", "parent at 09:30");
    }

    [Fact]
    public async Task WhenAll_ParksTheParentUntilItsLastChildEnds()
    {
        var scheduler = New();
        DateTimeOffset? joined = null;
        var parent = scheduler.Spawn("parent", async () =>
        {
            var children = new[] { 10, 40, 25 }.Select(m => scheduler.Spawn($"child {m}", () => scheduler.DelayAsync(TimeSpan.FromMinutes(m), CancellationToken.None))).ToList();
            await scheduler.WhenAllAsync(children);
            joined = scheduler.Now;
        });

        await scheduler.RunAsync(() => parent.IsCompleted, CancellationToken.None);

        joined.Should().Be(Origin.AddMinutes(40));
    }

    [Fact]
    public async Task Delay_TwiceAtOnceInOneFlow_IsRefused()
    {
        var scheduler = New();
        Exception? refused = null;
        var flow = scheduler.Spawn("forking", async () =>
        {
            var first = scheduler.DelayAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
            refused = Record.Exception(() => { _ = scheduler.DelayAsync(TimeSpan.FromSeconds(2), CancellationToken.None); });
            await first;
        });

        await scheduler.RunAsync(() => flow.IsCompleted, CancellationToken.None);

        refused.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Contain("Spawn");
    }

    [Fact]
    public void Delay_OutsideAFlow_IsRefused()
    {
        var scheduler = New();

        var refused = Record.Exception(() => { _ = scheduler.DelayAsync(TimeSpan.FromSeconds(1), CancellationToken.None); });

        refused.Should().BeOfType<InvalidOperationException>();
    }

    [Fact]
    public async Task Run_WithNothingLeftBeforeItFinished_ReportsAStall()
    {
        var scheduler = New();

        var stalled = await Record.ExceptionAsync(() => scheduler.RunAsync(() => false, CancellationToken.None));

        stalled.Should().BeOfType<SimulationStalledException>().Which.Message.Should().Contain("Nothing is left to run");
    }

    [Fact]
    public async Task Run_WhenAFlowFails_StopsWithItsError()
    {
        var scheduler = New();
        _ = scheduler.Spawn("broken", () => throw new InvalidOperationException("world bug"));

        var failed = await Record.ExceptionAsync(() => scheduler.RunAsync(() => false, CancellationToken.None));

        failed.Should().BeOfType<SimulationStalledException>().Which.Message.Should().Contain("world bug");
    }

    [Fact]
    public async Task ExternalTimers_FireAtTheirInstant_AndClearedOnesNever()
    {
        var scheduler = New();
        var fired = new List<string>();
        scheduler.SetTimer(WorkOrigin.Runner, 1, Origin.AddMinutes(3), "kept", () => Note(fired, $"kept at {scheduler.Now:HH:mm}"));
        scheduler.SetTimer(WorkOrigin.Runner, 2, Origin.AddMinutes(1), "cleared", () => Note(fired, "cleared"));
        scheduler.ClearTimer(WorkOrigin.Runner, 2);
        var world = scheduler.Spawn("world", () => scheduler.DelayAsync(TimeSpan.FromMinutes(5), CancellationToken.None));

        await scheduler.RunAsync(() => world.IsCompleted, CancellationToken.None);

        fired.Should().Equal("kept at 09:03");
    }

    [Fact]
    public async Task Run_OnceFinished_LeavesTheRunnersTimersButNotTheWorlds()
    {
        var scheduler = New();
        var fired = 0;
        scheduler.SetTimer(WorkOrigin.Runner, 1, Origin.AddDays(1), "runner", () => fired++);
        var world = scheduler.Spawn("world", () => scheduler.DelayAsync(TimeSpan.FromMinutes(5), CancellationToken.None));

        await scheduler.RunAsync(() => true, CancellationToken.None);

        world.IsCompleted.Should().BeTrue("the world settles before the run ends");
        fired.Should().Be(0);
    }

    [Fact]
    public async Task Pace_HoldsVirtualTimeToTheGivenMultipleOfRealTime()
    {
        var scheduler = new Scheduler(new SchedulerOptions { Seed = 1, Pace = 10 });
        var flow = scheduler.Spawn("sleeper", () => scheduler.DelayAsync(TimeSpan.FromSeconds(3), CancellationToken.None));
        var watch = Stopwatch.StartNew();

        await scheduler.RunAsync(() => flow.IsCompleted, CancellationToken.None);

        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290), "3 virtual seconds at x10 cannot pass in less than 0.3 s");
    }

    [Fact]
    public void SeededIds_WithOneSeed_GiveTheSameIds()
    {
        var a = new SeededIds(9);
        var b = new SeededIds(9);

        Enumerable.Range(0, 5).Select(_ => a.NewGuid()).Should().Equal(Enumerable.Range(0, 5).Select(_ => b.NewGuid()));
        a.Hex(10).Should().Be(b.Hex(10)).And.MatchRegex("^[0-9a-f]{10}$");
        new SeededIds(10).NewGuid().Should().NotBe(new SeededIds(9).NewGuid());
        a.NewGuid().ToString()[14].Should().Be('4', "the ids look like version-4 GUIDs");
    }

    private static async Task<List<string>> OrderOfSimultaneousWorkAsync(int seed)
    {
        var scheduler = new Scheduler(new SchedulerOptions { Seed = seed });
        var order = new List<string>();
        var flows = new List<Task>();
        for (var i = 0; i < 16; i++)
        {
            var n = i;
            flows.Add(scheduler.Spawn($"ready {n}", () =>
            {
                Note(order, $"ready {n}");
                return Task.CompletedTask;
            }));
            flows.Add(scheduler.Spawn($"timer {n}", async () =>
            {
                await scheduler.DelayAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
                Note(order, $"timer {n}");
            }));
        }

        await scheduler.RunAsync(() => flows.TrueForAll(f => f.IsCompleted), CancellationToken.None);
        return order;
    }

    private static Scheduler New() => new(new SchedulerOptions { Seed = 1 });

    private static void Note(List<string> seen, string what)
    {
        lock (seen)
        {
            seen.Add(what);
        }
    }

    private sealed class FakeSource : IQuiescenceSource
    {
        private long _pending;

        public string Name => "fake";

        public long Pending
        {
            get => Interlocked.Read(ref _pending);
            set => Interlocked.Exchange(ref _pending, value);
        }
    }
}

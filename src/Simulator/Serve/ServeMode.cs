using Wso2Serverless.Simulator.Hosting;
using Wso2Serverless.StandIns.Scheduling;
using Wso2Serverless.StandIns.World;

namespace Wso2Serverless.Simulator.Serve;

/// <summary>
/// What <see cref="Simulation"/> needs to serve instead of running scenarios: the URL the API is
/// served at (the status URLs the API returns point there) and what to do with the running world.
/// </summary>
public sealed record ServeMode(Uri ApiUrl, Func<ServeSession, CancellationToken, Task> RunAsync)
{
    /// <summary>Faults of one environment's runs instead of the scenario's (<c>--scenario ENV=NAME</c>).</summary>
    public IReadOnlyDictionary<string, WorldFaults> EnvironmentFaults { get; init; } = new Dictionary<string, WorldFaults>(StringComparer.Ordinal);

    /// <summary>
    /// Without <c>--pace</c>: a happy deployment (<see cref="HappyRun"/> of virtual time) lasts
    /// about 45 s, long enough to follow it and cancel it, short enough to wait for.
    /// </summary>
    public const double DefaultPace = 120;

    /// <summary>How much virtual time a happy deployment takes in the simulated world (the serve tests hold it).</summary>
    public static readonly TimeSpan HappyRun = TimeSpan.FromMinutes(91);

    /// <summary>
    /// The schedule of a served world: it waits for requests instead of ending, its clock starts
    /// at the wall clock's second (ids and times read as today's) and has no horizon to speak of.
    /// </summary>
    public static SchedulerOptions Schedule(int seed, double? pace)
    {
        var now = DateTimeOffset.UtcNow;
        return new SchedulerOptions
        {
            Seed = seed,
            Pace = pace ?? DefaultPace,
            Origin = now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerSecond)),
            Horizon = TimeSpan.FromDays(3650),
            WaitForExternalWork = true,
        };
    }
}

/// <summary>The running world, as serve drives it: its scheduler, the function dispatch, the ASL runner and where moto is.</summary>
public sealed record ServeSession(Scheduler Scheduler, FunctionDispatcher Dispatcher, AslRunner Runner, Uri MotoEndpoint);

using Wso2Serverless.Simulator.Scenarios;
using Wso2Serverless.StandIns.Scheduling;

namespace Wso2Serverless.Simulator.Chaos;

/// <summary>
/// What one chaos run gets, drawn from its seed alone: a scenario of <see cref="ChaosMix"/> and
/// which kinds of fault are on (each with its own odds per event, call or invocation), and
/// whether and when someone cancels. Where each fault then strikes is drawn during the run, from
/// the same seed's stream, in the scheduler's deterministic order.
/// </summary>
public sealed record ChaosPlan
{
    public required int Seed { get; init; }
    public required string Scenario { get; init; }
    public bool Duplicates { get; init; }
    public bool Delays { get; init; }
    public bool LostEvents { get; init; }
    public bool Throttling { get; init; }
    public bool ServerErrors { get; init; }
    public bool LostAnswers { get; init; }
    public bool SendTaskFailures { get; init; }
    public bool Crashes { get; init; }
    public bool EarlySignals { get; init; }
    /// <summary>When a cancel is asked for through the API, after the start; null: nobody cancels.</summary>
    public TimeSpan? CancelAt { get; init; }

    /// <summary>The run's own random stream (the scenario, the plan, then every fault's place).</summary>
    public static Random StreamOf(int seed) => new(SeedStreams.Derive(seed, SeedStreams.Chaos));

    /// <summary>The plan of the run with this seed; <paramref name="random"/> goes on to place its faults.</summary>
    public static ChaosPlan Draw(int seed, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var total = ChaosMix.Scenarios.Sum(s => s.Weight);
        var pick = random.Next(total);
        var scenario = ChaosMix.Scenarios[^1].Scenario;
        foreach (var (name, weight) in ChaosMix.Scenarios)
        {
            if (pick < weight)
            {
                scenario = name;
                break;
            }

            pick -= weight;
        }

        bool Half() => random.NextDouble() < 0.5;
        return new ChaosPlan
        {
            Seed = seed,
            Scenario = scenario,
            Duplicates = Half(),
            Delays = Half(),
            LostEvents = random.NextDouble() < 0.3,
            Throttling = Half(),
            ServerErrors = Half(),
            LostAnswers = Half(),
            SendTaskFailures = Half(),
            Crashes = Half(),
            EarlySignals = random.NextDouble() < 0.3,
            CancelAt = random.NextDouble() < 0.15 ? TimeSpan.FromSeconds(random.Next(0, 100 * 60)) : null,
        };
    }

    /// <summary>The kinds of fault this run has on.</summary>
    public IReadOnlyList<string> Kinds =>
    [
        .. new (bool On, string Kind)[]
        {
            (Duplicates, FaultKinds.DuplicateEvent), (Delays, FaultKinds.DelayedEvent), (LostEvents, FaultKinds.LostEvent),
            (Throttling, FaultKinds.Throttle), (ServerErrors, FaultKinds.ServerError), (LostAnswers, FaultKinds.LostAnswer),
            (SendTaskFailures, FaultKinds.SendTaskFailure), (Crashes, FaultKinds.Crash), (EarlySignals, FaultKinds.EarlySignals),
            (CancelAt is not null, FaultKinds.Cancel),
        }.Where(k => k.On).Select(k => k.Kind),
    ];

    /// <summary>The scenario as the catalog has it.</summary>
    public Scenario BaseScenario => ScenarioCatalog.Find(Scenario) ?? throw new InvalidOperationException($"The chaos mix names '{Scenario}', which the catalog does not have.");
}

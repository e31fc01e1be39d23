using System.Text.Json.Nodes;
using Wso2Serverless.Functions.Hosting;
using Wso2Serverless.Security.Tests.Support;
using Wso2Serverless.Simulator;
using Wso2Serverless.Simulator.Reporting;
using Wso2Serverless.Simulator.Scenarios;
using Wso2Serverless.StandIns.Iam;
using Wso2Serverless.StandIns.World;

[assembly: AssemblyFixture(typeof(Wso2Serverless.Security.Tests.Simulate.SimulateRecording))]

namespace Wso2Serverless.Security.Tests.Simulate;

/// <summary>
/// Every scenario of <c>simulate</c>, once for the assembly, each with its own call log: the calls
/// every function made (the DynamoDB and Step Functions clients on the wire, the world's ports in
/// the requests their AWS adapters send), and their evaluation against serverless.template's IAM
/// resolved with the simulated installation's names.
/// </summary>
public sealed class SimulateRecording : IAsyncLifetime
{
    public const int Seed = 20261201;

    private static readonly SemaphoreSlim Slots = new(2);

    /// <summary>One moto_server per slot, reset by each run, instead of one started per run.</summary>
    private static readonly Wso2Serverless.StandIns.Moto.MotoPool Motos = new();

    public IReadOnlyDictionary<string, (SimulationReport Report, IReadOnlyList<IamCall> Calls)> Runs { get; private set; } = null!;

    public IReadOnlyList<IamCall> Calls => [.. Runs.Values.SelectMany(r => r.Calls)];

    public EffectiveIam Iam { get; private set; } = null!;

    public IReadOnlyList<Decision> Decisions { get; private set; } = [];

    /// <summary>serverless.template resolved for the installation simulate stands for (<see cref="Simulation.Settings"/>).</summary>
    public static IamProfile Profile()
    {
        var settings = Simulation.Settings();
        return new IamProfile(SimulatedWorld.Account, SimulatedWorld.Region, Simulation.OrchestratorName)
        {
            Parameters = new()
            {
                ["TemplateBucketName"] = settings.TemplateBucketName,
                ["TemplatePrefix"] = settings.TemplatePrefix,
                ["StackNamePrefix"] = settings.StackNamePrefix,
                ["ExtraTopicPrefix"] = settings.ExtraTopicPrefix,
                ["DatabaseDocumentName"] = settings.DatabaseDocumentName,
                ["AgentDocumentName"] = settings.AgentDocumentName,
            },
            Physical = new()
            {
                ["PhaseTable"] = new() { ["Ref"] = settings.TableName },
                ["Topic"] = new() { ["Ref"] = settings.TopicArn },
                ["StackRole"] = new() { ["Arn"] = settings.StackRoleArn },
                ["ProductBoundary"] = new() { ["Ref"] = settings.PermissionsBoundaryArn },
            },
        };
    }

    /// <summary>
    /// The catalog's scenarios; happy once more with the opt-in URL probe, the one request option
    /// that makes a function call more (the listeners and their certificates); and once with every
    /// command's Success event lost, so Reconcile reads the commands from SSM.
    /// </summary>
    public static IReadOnlyList<Scenario> Scenarios { get; } =
    [
        .. ScenarioCatalog.All,
        ScenarioCatalog.Find("happy")! with { Name = "happy, verify.probeUrls", CustomiseInput = static (input, _) => input["verify"] = new JsonObject { ["probeUrls"] = true } },
        ScenarioCatalog.Find("happy")! with
        {
            Name = "happy, command Success events lost",
            Faults = new WorldFaults { LostCommandStatuses = new HashSet<string>(StringComparer.Ordinal) { "Success" } },
        },
    ];

    public async ValueTask InitializeAsync()
    {
        var runs = await Task.WhenAll(Scenarios.Select(RunAsync));
        Runs = runs.ToDictionary(r => r.Report.Scenario, r => r, StringComparer.Ordinal);
        Iam = await EffectiveIam.ResolveAsync(Profile());
        Decisions = await IamEvaluator.EvaluateAsync(Iam, Calls);
    }

    private static async Task<(SimulationReport Report, IReadOnlyList<IamCall> Calls)> RunAsync(Scenario scenario)
    {
        var log = new IamCallLog(new CallerContext(SimulatedWorld.Region, SimulatedWorld.Account));
        await Slots.WaitAsync();
        try
        {
            var run = await Motos.UseAsync(moto => Simulation.RunAsync(new SimulationOptions { Scenario = scenario, Seed = Seed, Calls = log, SharedMoto = moto }));
            return (run.Report, log.Calls);
        }
        finally
        {
            Slots.Release();
        }
    }

    public ValueTask DisposeAsync() => Motos.DisposeAsync();
}

/// <summary>
/// #11 proof, simulate tier: every call every function makes in every scenario is allowed by its
/// role, as iam-simulate evaluates serverless.template after the SAM transform.
/// </summary>
public sealed class SimulateCallTests(SimulateRecording recording)
{
    public static TheoryData<string> Scenarios => [.. SimulateRecording.Scenarios.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void EveryScenario_EndsAsItShould_WhileRecorded(string scenario)
    {
        var report = recording.Runs[scenario].Report;
        report.Executions.Should().OnlyContain(e => e.Status == report.ExpectedStatus, $"{scenario}: recording the calls changes nothing of the run");
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void EveryFunctionInvoked_HasItsCallsRecorded(string scenario)
    {
        var (report, calls) = recording.Runs[scenario];
        calls.Should().NotBeEmpty();
        // execution-status ignores a SUCCEEDED execution without a call (Complete closed the record).
        var ran = report.Invocations.Select(i => i.Handler).Distinct()
            .Where(h => !(h == HandlerNames.ExecutionStatus && report.Executions.All(e => e.Status == ScenarioCatalog.Succeeded)));
        ran.Should().BeSubsetOf(calls.Select(c => c.Function).Distinct(), $"{scenario}: every function that ran reached DynamoDB at least (its record, phase or lock)");
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void NoCall_IsDenied(string scenario)
    {
        var byRequest = recording.Decisions.ToLookup(d => (d.Principal, d.Action, d.Resource));
        var calls = recording.Runs[scenario].Calls;
        var decided = calls.Select(c => byRequest[(c.Function, c.Action, c.Resource)].ToList()).ToList();
        decided.Should().OnlyContain(d => d.Count > 0, "every recorded call was evaluated");
        var denied = decided.SelectMany(d => d).Where(d => !d.Allowed).Select(d => d.ToString()).Distinct().ToList();
        denied.Should().BeEmpty($"{scenario}: every call is allowed; denied:\n" + string.Join("\n", denied));
    }

    [Fact]
    public void TheScenarios_ReachTheWorkflowsFunctions()
    {
        recording.Calls.Select(c => c.Function).Distinct().Should().Contain(
        [
            HandlerNames.Accept, HandlerNames.RemoveOldStack, HandlerNames.CreateStack, HandlerNames.AwaitPuppetMaster, HandlerNames.RunDatabaseScripts,
            HandlerNames.RunPuppetAgent, HandlerNames.Reconcile, HandlerNames.Verify, HandlerNames.Complete, HandlerNames.RecordFailure,
            HandlerNames.EventRouter, HandlerNames.ExecutionStatus,
        ]);
        recording.Calls.Should().Contain(c => c.Action == "cloudformation:DeleteStack", "rebuild deletes the previous stack, tag checked");
    }
}
